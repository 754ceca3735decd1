namespace Parley.Consensus.Tests;
