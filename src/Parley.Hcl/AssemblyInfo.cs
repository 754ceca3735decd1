namespace Parley.Hcl;
