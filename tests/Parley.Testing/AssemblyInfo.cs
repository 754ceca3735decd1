namespace Parley.Testing;
