namespace Parley.Client;
