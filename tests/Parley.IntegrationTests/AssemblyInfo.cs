namespace Parley.IntegrationTests;
