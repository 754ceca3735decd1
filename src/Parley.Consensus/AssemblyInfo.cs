namespace Parley.Consensus;
