namespace TrdpSim.DeviceXml;

/// <summary>One device configuration to read: its text and the name used in positions (<c>file:line:col</c>).</summary>
public sealed record XmlSource(string FileName, string Text);
