namespace Parley.Hcl.Tests;
