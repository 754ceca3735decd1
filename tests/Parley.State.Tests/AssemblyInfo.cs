namespace Parley.State.Tests;
