// The control plane is an ASP.NET Core minimal-API server: as in a web project, whose SDK imports these namespaces for
// every file, its endpoint, stream and problem files share them here instead of each repeating them. (A global using
// reaches the whole project: C# has no folder scope.)
global using Microsoft.AspNetCore.Builder;
global using Microsoft.AspNetCore.Http;
global using Microsoft.AspNetCore.Routing;
