namespace Parley.Api;
