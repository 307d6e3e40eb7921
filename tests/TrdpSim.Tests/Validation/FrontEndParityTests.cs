using System.Text.RegularExpressions;

namespace TrdpSim.Tests.Validation;

/// <summary>The JavaScript front end refuses what the TOML front end refuses, with the same message, each at
/// a position in its own file: one plan validator judges both.</summary>
/// <remarks>
/// Every case is written once as TOML and once as a scenario. <c>@@</c> marks where the error must point:
/// in TOML the value (or key, or table header) the rule concerns, in the scenario the call that gave the
/// value. A position quoted inside a message ("first defined at …") must name the case's own file; it is
/// compared as <c>&lt;pos&gt;</c>.
/// </remarks>
public sealed partial class FrontEndParityTests
{
    private const string TomlDevice = "[[device]]\nname = \"a\"\naddress = \"127.0.0.2\"\n";
    private const string JsDevice = "  const a = plan.device({ name: \"a\", address: \"127.0.0.2\" });\n";
    private const string TomlDataset = "[[dataset]]\nid = 1001\nname = \"ds\"\n[[dataset.element]]\nname = \"x\"\ntype = \"UINT8\"\n";
    private const string JsDataset = "  plan.dataset({ id: 1001, name: \"ds\", elements: [{ name: \"x\", type: \"UINT8\" }] });\n";
    private const string TomlPublish = "[[device.publish]]\ncom-id = 1\ndestination = \"127.0.0.3\"\n";
    private const string JsPublish = "  a.publish({ comId: 1, destination: \"127.0.0.3\" });\n";
    private const string TomlFieldPublish = "[[device.publish]]\ncom-id = 1\ndataset = 1001\ndestination = \"127.0.0.3\"\n[[device.publish.field]]\nfield = \"x\"\n";
    private const string JsFieldPublish = "  @@a.publish({ comId: 1, dataset: 1001, destination: \"127.0.0.3\", fields: [{ field: \"x\", ";

    public static TheoryData<string, string, string, string> Cases() => new()
    {
        // Publications: cycle and offset.
        { "cycle below 1ms", "'cycle' must be 0 (pull-only) or at least 1ms",
            TomlDevice + "[[device.publish]]\ncom-id = 1\ncycle = @@\"100us\"\ndestination = \"127.0.0.3\"\n",
            JsDevice + "  @@a.publish({ comId: 1, cycle: \"100us\", destination: \"127.0.0.3\" });\n" },
        { "offset not shorter than the cycle", "'offset' must be shorter than 'cycle'",
            TomlDevice + "[[device.publish]]\ncom-id = 1\ncycle = \"10ms\"\noffset = @@\"10ms\"\ndestination = \"127.0.0.3\"\n",
            JsDevice + "  @@a.publish({ comId: 1, cycle: \"10ms\", offset: \"10ms\", destination: \"127.0.0.3\" });\n" },
        { "offset on a pull-only publication", "'offset' has no meaning for a pull-only publication (cycle = 0)",
            TomlDevice + "[[device.publish]]\ncom-id = 1\ncycle = 0\noffset = @@\"5ms\"\ndestination = \"127.0.0.3\"\n",
            JsDevice + "  @@a.publish({ comId: 1, cycle: \"0\", offset: \"5ms\", destination: \"127.0.0.3\" });\n" },
        { "count above the limit", "'count' must be between 1 and 100000, got 100001",
            TomlDevice + "[[device.publish]]\ncom-id = 1\ncount = @@100001\ndestination = \"127.0.0.3\"\n",
            JsDevice + "  @@a.publish({ comId: 1, count: 100001, destination: \"127.0.0.3\" });\n" },
        { "ComIds past 32 bits", "com-id 4294967295 + 1 × 1 passes 4294967295",
            TomlDevice + "@@[[device.publish]]\ncom-id = 4294967295\ncount = 2\ndestination = \"127.0.0.3\"\n",
            JsDevice + "  @@a.publish({ comId: 4294967295, count: 2, destination: \"127.0.0.3\" });\n" },
        { "PD payload too long", "'payload-length' must be between 0 and 1432, got 1433",
            TomlDevice + "[[device.publish]]\ncom-id = 1\npayload-length = @@1433\ndestination = \"127.0.0.3\"\n",
            JsDevice + "  @@a.publish({ comId: 1, payloadLength: 1433, destination: \"127.0.0.3\" });\n" },
        { "dataset and payload length", "give either 'dataset' or 'payload-length', not both",
            TomlDataset + TomlDevice + "[[device.publish]]\ncom-id = 1\ndataset = 1001\npayload-length = @@4\ndestination = \"127.0.0.3\"\n",
            JsDataset + JsDevice + "  @@a.publish({ comId: 1, dataset: 1001, payloadLength: 4, destination: \"127.0.0.3\" });\n" },
        { "unknown dataset id", "'dataset' 1002 is not defined by any dataset",
            TomlDevice + "[[device.publish]]\ncom-id = 1\ndataset = @@1002\ndestination = \"127.0.0.3\"\n",
            JsDevice + "  @@a.publish({ comId: 1, dataset: 1002, destination: \"127.0.0.3\" });\n" },
        { "duplicate publication names", "duplicate publication name 'x' on this device (first at <pos>)",
            TomlDevice + "[[device.publish]]\nname = \"x\"\ncom-id = 1\ndestination = \"127.0.0.3\"\n[[device.publish]]\nname = @@\"x\"\ncom-id = 2\ndestination = \"127.0.0.3\"\n",
            JsDevice + "  a.publish({ name: \"x\", comId: 1, destination: \"127.0.0.3\" });\n  @@a.publish({ name: \"x\", comId: 2, destination: \"127.0.0.3\" });\n" },

        // Field generators.
        { "generator range upside down", "'max' must not be below 'min'",
            TomlDataset + TomlDevice + TomlFieldPublish + "kind = \"ramp\"\nmin = 5\nmax = @@1\n",
            JsDataset + JsDevice + JsFieldPublish + "kind: \"ramp\", min: 5, max: 1 }] });\n" },
        { "ramp without a positive step", "kind \"ramp\" needs a positive 'step'",
            TomlDataset + TomlDevice + TomlFieldPublish + "kind = \"ramp\"\nstep = @@0\n",
            JsDataset + JsDevice + JsFieldPublish + "kind: \"ramp\", step: 0 }] });\n" },
        { "generator key of another kind", "'step' does not apply to kind \"random\"",
            TomlDataset + TomlDevice + TomlFieldPublish + "kind = \"random\"\n@@step = 2\n",
            JsDataset + JsDevice + JsFieldPublish + "kind: \"random\", step: 2 }] });\n" },
        { "sequence without values", "kind \"sequence\" needs a non-empty 'values' list",
            TomlDataset + TomlDevice + "[[device.publish]]\ncom-id = 1\ndataset = 1001\ndestination = \"127.0.0.3\"\n@@[[device.publish.field]]\nfield = \"x\"\nkind = \"sequence\"\n",
            JsDataset + JsDevice + JsFieldPublish + "kind: \"sequence\" }] });\n" },
        { "stuck-at before the start", "'after' must be a whole number of cycles, 0 or more",
            TomlDataset + TomlDevice + TomlFieldPublish + "kind = \"stuck-at\"\nafter = @@-1\n",
            JsDataset + JsDevice + JsFieldPublish + "kind: \"stuck-at\", after: -1 }] });\n" },
        { "field the dataset does not have", "dataset 1001 ('ds') has no element 'y'",
            TomlDataset + TomlDevice + "[[device.publish]]\ncom-id = 1\ndataset = 1001\ndestination = \"127.0.0.3\"\n[[device.publish.field]]\nfield = @@\"y\"\n",
            JsDataset + JsDevice + "  @@a.publish({ comId: 1, dataset: 1001, destination: \"127.0.0.3\", fields: [{ field: \"y\" }] });\n" },
        { "fields without a dataset", "fields need a dataset: a raw 'payload-length' publication sends zero bytes (set 'dataset')",
            TomlDevice + "[[device.publish]]\ncom-id = 1\npayload-length = 4\ndestination = \"127.0.0.3\"\n@@[[device.publish.field]]\nfield = \"x\"\n",
            JsDevice + "  @@a.publish({ comId: 1, payloadLength: 4, destination: \"127.0.0.3\", fields: [{ field: \"x\" }] });\n" },

        // Devices.
        { "duplicate device names", "duplicate device name 'a' (first defined at <pos>)",
            TomlDevice + "[[device]]\nname = @@\"a\"\naddress = \"127.0.0.3\"\n",
            JsDevice + "  @@plan.device({ name: \"a\", address: \"127.0.0.3\" });\n" },
        { "duplicate device addresses", "duplicate device address 127.0.0.2 (first used at <pos>)",
            TomlDevice + "[[device]]\nname = \"b\"\naddress = @@\"127.0.0.2\"\n",
            JsDevice + "  @@plan.device({ name: \"b\", address: \"127.0.0.2\" });\n" },
        { "device on a multicast group", "'address' must be a host address, not the multicast group 239.1.1.1",
            "[[device]]\nname = \"a\"\naddress = @@\"239.1.1.1\"\n",
            "  @@plan.device({ name: \"a\", address: \"239.1.1.1\" });\n" },
        { "device without a name", "'name' must not be empty",
            "[[device]]\nname = @@\"\"\naddress = \"127.0.0.2\"\n",
            "  @@plan.device({ name: \"\", address: \"127.0.0.2\" });\n" },

        // Datasets.
        { "dataset id among the type codes", "'id' must be between 31 and 4294967295, got 5",
            "[[dataset]]\nid = @@5\nname = \"ds\"\n[[dataset.element]]\nname = \"x\"\ntype = \"UINT8\"\n",
            "  @@plan.dataset({ id: 5, name: \"ds\", elements: [{ name: \"x\", type: \"UINT8\" }] });\n" },
        { "duplicate dataset ids", "duplicate dataset id 1001 (first defined at <pos>)",
            TomlDataset + "[[dataset]]\nid = @@1001\nname = \"ds2\"\n[[dataset.element]]\nname = \"x\"\ntype = \"UINT8\"\n",
            JsDataset + "  @@plan.dataset({ id: 1001, name: \"ds2\", elements: [{ name: \"x\", type: \"UINT8\" }] });\n" },
        { "unknown element type", "unknown element type \"UINT9\" (expected " + DatasetTypeNames.List + ", or a dataset id)",
            "[[dataset]]\nid = 1001\nname = \"ds\"\n[[dataset.element]]\nname = \"x\"\ntype = @@\"UINT9\"\n",
            "  @@plan.dataset({ id: 1001, name: \"ds\", elements: [{ name: \"x\", type: \"UINT9\" }] });\n" },
        { "dataset without elements", "a dataset needs at least one element",
            "@@[[dataset]]\nid = 1001\nname = \"ds\"\n",
            "  @@plan.dataset({ id: 1001, name: \"ds\" });\n" },

        // Subscriptions and pulls.
        { "subscription timeout of zero", "'timeout' must be positive (or \"infinite\" for no supervision)",
            TomlDevice + "[[device.subscribe]]\ncom-id = 1\ntimeout = @@\"0ms\"\n",
            JsDevice + "  @@a.subscribe({ comId: 1, timeout: \"0ms\" });\n" },
        { "second source without a first", "'source2' needs 'source'",
            TomlDevice + "[[device.subscribe]]\ncom-id = 1\nsource2 = @@\"127.0.0.4\"\n",
            JsDevice + "  @@a.subscribe({ comId: 1, source2: \"127.0.0.4\" });\n" },
        { "subscription to a host address", "'destination' must be a multicast group (224.0.0.0/4), not 127.0.0.3",
            TomlDevice + "[[device.subscribe]]\ncom-id = 1\ndestination = @@\"127.0.0.3\"\n",
            JsDevice + "  @@a.subscribe({ comId: 1, destination: \"127.0.0.3\" });\n" },
        { "expected cycle below 1ms", "'expected-cycle' must be at least 1ms",
            TomlDevice + "[[device.subscribe]]\ncom-id = 1\nexpected-cycle = @@\"500us\"\n",
            JsDevice + "  @@a.subscribe({ comId: 1, expectedCycle: \"500us\" });\n" },
        { "pull interval below 1ms", "'interval' must be at least 1ms",
            TomlDevice + "[[device.pull]]\ncom-id = 1\ntarget = \"127.0.0.3\"\ninterval = @@\"500us\"\n",
            JsDevice + "  @@a.pull({ comId: 1, target: \"127.0.0.3\", interval: \"500us\" });\n" },
        { "pull timeout of zero", "'timeout' must be positive",
            TomlDevice + "[[device.pull]]\ncom-id = 1\ntarget = \"127.0.0.3\"\ntimeout = @@\"0s\"\n",
            JsDevice + "  @@a.pull({ comId: 1, target: \"127.0.0.3\", timeout: \"0s\" });\n" },
        { "pull from a multicast group", "'target' must be a host address, not the multicast group 239.0.0.1",
            TomlDevice + "[[device.pull]]\ncom-id = 1\ntarget = @@\"239.0.0.1\"\n",
            JsDevice + "  @@a.pull({ comId: 1, target: \"239.0.0.1\" });\n" },
        { "statistics poll interval below 1ms", "'interval' must be at least 1ms",
            TomlDevice + "[[device.poll-statistics]]\ntarget = \"127.0.0.3\"\ninterval = @@\"500us\"\n",
            JsDevice + "  @@a.pollStatistics({ target: \"127.0.0.3\", interval: \"500us\" });\n" },
        { "statistics poll of a multicast group", "'target' must be a host address, not the multicast group 239.0.0.1",
            TomlDevice + "[[device.poll-statistics]]\ntarget = @@\"239.0.0.1\"\n",
            JsDevice + "  @@a.pollStatistics({ target: \"239.0.0.1\" });\n" },
        { "two statistics polls of one target", "'target' is already polled by 'one' on this device",
            TomlDevice + "[[device.poll-statistics]]\nname = \"one\"\ntarget = \"127.0.0.3\"\n[[device.poll-statistics]]\nname = \"two\"\ntarget = @@\"127.0.0.3\"\n",
            JsDevice + "  a.pollStatistics({ name: \"one\", target: \"127.0.0.3\" });\n  @@a.pollStatistics({ name: \"two\", target: \"127.0.0.3\" });\n" },
        { "statistics poll named like a pull", "duplicate poll-statistics name 'x' on this device (first at <pos>)",
            TomlDevice + "[[device.pull]]\nname = \"x\"\ncom-id = 1\ntarget = \"127.0.0.3\"\n[[device.poll-statistics]]\nname = @@\"x\"\ntarget = \"127.0.0.4\"\n",
            JsDevice + "  a.pull({ name: \"x\", comId: 1, target: \"127.0.0.3\" });\n  @@a.pollStatistics({ name: \"x\", target: \"127.0.0.4\" });\n" },

        // MD callers.
        { "MD rate of zero", "'rate' must be above 0 and at most 1000000 transactions/s, got 0",
            TomlDevice + "[[device.md-call]]\ncom-id = 1\ndestination = \"127.0.0.3\"\nrate = @@0\n",
            JsDevice + "  @@a.mdCall({ comId: 1, destination: \"127.0.0.3\", rate: 0 });\n" },
        { "MD rate below zero", "'rate' must be above 0 and at most 1000000 transactions/s, got -5",
            TomlDevice + "[[device.md-call]]\ncom-id = 1\ndestination = \"127.0.0.3\"\nrate = @@-5\n",
            JsDevice + "  @@a.mdCall({ comId: 1, destination: \"127.0.0.3\", rate: -5 });\n" },
        { "MD retries above TCNopen's", "'retries' must be between 0 and 2, got 3",
            TomlDevice + "[[device.md-call]]\ncom-id = 1\ndestination = \"127.0.0.3\"\nretries = @@3\n",
            JsDevice + "  @@a.mdCall({ comId: 1, destination: \"127.0.0.3\", retries: 3 });\n" },
        { "MD reply timeout of zero", "'reply-timeout' must be positive",
            TomlDevice + "[[device.md-call]]\ncom-id = 1\ndestination = \"127.0.0.3\"\nreply-timeout = @@\"0s\"\n",
            JsDevice + "  @@a.mdCall({ comId: 1, destination: \"127.0.0.3\", replyTimeout: \"0s\" });\n" },
        { "MD count of zero", "'count' must be between 1 and 9223372036854775807, got 0",
            TomlDevice + "[[device.md-call]]\ncom-id = 1\ndestination = \"127.0.0.3\"\ncount = @@0\n",
            JsDevice + "  @@a.mdCall({ comId: 1, destination: \"127.0.0.3\", count: 0 });\n" },
        { "MD unicast expecting several replies", "'expected-replies' must be 1 for a unicast destination (TCNopen forces 1; other values are for multicast), got 2",
            TomlDevice + "[[device.md-call]]\ncom-id = 1\ndestination = \"127.0.0.3\"\nexpected-replies = @@2\n",
            JsDevice + "  @@a.mdCall({ comId: 1, destination: \"127.0.0.3\", expectedReplies: 2 });\n" },
        { "request key on a notification", "'retries' does not apply to kind \"notify\" (a notification gets no reply)",
            TomlDevice + "[[device.md-call]]\ncom-id = 1\nkind = \"notify\"\ndestination = \"127.0.0.3\"\n@@retries = 1\n",
            JsDevice + "  @@a.mdCall({ comId: 1, kind: \"notify\", destination: \"127.0.0.3\", retries: 1 });\n" },
        { "MD over TCP to a group", "'destination' must be a host address with protocol \"tcp\" (MD over TCP is unicast only), not the multicast group 239.1.1.1",
            TomlDevice + "[[device.md-call]]\ncom-id = 1\nprotocol = \"tcp\"\ndestination = @@\"239.1.1.1\"\n",
            JsDevice + "  @@a.mdCall({ comId: 1, protocol: \"tcp\", destination: \"239.1.1.1\" });\n" },
        { "URI too long", "'source-uri' must be at most 32 characters, got 33",
            TomlDevice + "[[device.md-call]]\ncom-id = 1\ndestination = \"127.0.0.3\"\nsource-uri = @@\"abcdefghijabcdefghijabcdefghijabc\"\n",
            JsDevice + "  @@a.mdCall({ comId: 1, destination: \"127.0.0.3\", sourceUri: \"abcdefghijabcdefghijabcdefghijabc\" });\n" },
        { "URI not printable ASCII", "'destination-uri' must hold printable ASCII characters only",
            TomlDevice + "[[device.md-call]]\ncom-id = 1\ndestination = \"127.0.0.3\"\ndestination-uri = @@\"zug-ü\"\n",
            JsDevice + "  @@a.mdCall({ comId: 1, destination: \"127.0.0.3\", destinationUri: \"zug-ü\" });\n" },
        { "MD payload too long", "'payload-length' must be between 0 and 65388, got 65389",
            TomlDevice + "[[device.md-call]]\ncom-id = 1\ndestination = \"127.0.0.3\"\npayload-length = @@65389\n",
            JsDevice + "  @@a.mdCall({ comId: 1, destination: \"127.0.0.3\", payloadLength: 65389 });\n" },

        // MD repliers.
        { "probability above 1", "'error-probability' must be between 0 and 1, got 1.5",
            TomlDevice + "[[device.md-reply]]\ncom-id = 1\nerror-probability = @@1.5\n",
            JsDevice + "  @@a.mdReply({ comId: 1, errorProbability: 1.5 });\n" },
        { "probabilities summing above 1", "'no-reply-probability' + 'error-probability' + 'late-reply-probability' must not exceed 1, got 1.1",
            TomlDevice + "@@[[device.md-reply]]\ncom-id = 1\nno-reply-probability = 0.5\nerror-probability = 0.4\nlate-reply-probability = 0.2\n",
            JsDevice + "  @@a.mdReply({ comId: 1, noReplyProbability: 0.5, errorProbability: 0.4, lateReplyProbability: 0.2 });\n" },
        { "error status that is no error", "'error-status' must be between -2147483648 and -1, got 0",
            TomlDevice + "[[device.md-reply]]\ncom-id = 1\nerror-status = @@0\n",
            JsDevice + "  @@a.mdReply({ comId: 1, errorStatus: 0 });\n" },
        { "negative user status", "'user-status' must be between 0 and 2147483647, got -1",
            TomlDevice + "[[device.md-reply]]\ncom-id = 1\nuser-status = @@-1\n",
            JsDevice + "  @@a.mdReply({ comId: 1, userStatus: -1 });\n" },
        { "confirm timeout on a plain reply", "'confirm-timeout' only applies to reply = \"reply-with-confirm\" (an 'Mp' is not confirmed)",
            TomlDevice + "[[device.md-reply]]\ncom-id = 1\n@@confirm-timeout = \"1s\"\n",
            JsDevice + "  @@a.mdReply({ comId: 1, confirmTimeout: \"1s\" });\n" },
        { "confirm timeout of zero", "'confirm-timeout' must be positive",
            TomlDevice + "[[device.md-reply]]\ncom-id = 1\nreply = \"reply-with-confirm\"\nconfirm-timeout = @@\"0s\"\n",
            JsDevice + "  @@a.mdReply({ comId: 1, reply: \"reply-with-confirm\", confirmTimeout: \"0s\" });\n" },
        { "group on a TCP replier", "'group' does not apply to protocol \"tcp\" (MD over TCP is unicast only)",
            TomlDevice + "[[device.md-reply]]\ncom-id = 1\nprotocol = \"tcp\"\ngroup = @@\"239.1.1.1\"\n",
            JsDevice + "  @@a.mdReply({ comId: 1, protocol: \"tcp\", group: \"239.1.1.1\" });\n" },
        { "reply delay that is no distribution", "'delay': " + DelayError("gauss:1ms"),
            TomlDevice + "[[device.md-reply]]\ncom-id = 1\ndelay = @@\"gauss:1ms\"\n",
            JsDevice + "  @@a.mdReply({ comId: 1, delay: \"gauss:1ms\" });\n" },
        { "empty reply delay", "'delay' must not be empty (e.g. \"constant:0\", \"lognormal:median=2ms,p99=20ms\")",
            TomlDevice + "[[device.md-reply]]\ncom-id = 1\ndelay = @@\"\"\n",
            JsDevice + "  @@a.mdReply({ comId: 1, delay: \"\" });\n" },

        // Network and run.
        { "QoS above 7", "'pd-qos' must be between 0 and 7, got 9", "[network]\npd-qos = @@9\n", "  @@plan.network({ pdQos: 9 });\n" },
        { "PD port 0", "'pd-port' must be between 1 and 65535, got 0", "[network]\npd-port = @@0\n", "  @@plan.network({ pdPort: 0 });\n" },
        { "no MD sessions", "'md-max-sessions' must be between 1 and 1000000, got 0", "[network]\nmd-max-sessions = @@0\n", "  @@plan.network({ mdMaxSessions: 0 });\n" },
        { "default PD timeout of zero", "'default-pd-timeout' must be positive", "[network]\ndefault-pd-timeout = @@\"0s\"\n", "  @@plan.network({ defaultPdTimeout: \"0s\" });\n" },
        { "MD reply timeout of zero for the network", "'md-reply-timeout' must be positive", "[network]\nmd-reply-timeout = @@\"0s\"\n", "  @@plan.network({ mdReplyTimeout: \"0s\" });\n" },
        { "wheel tick too coarse", "'wheel-tick' must be between 1us and 10ms", "[network]\nwheel-tick = @@\"20ms\"\n", "  @@plan.network({ wheelTick: \"20ms\" });\n" },
        { "run of no duration", "'duration' must be positive (leave it out to run until stopped)", "[run]\nduration = @@\"0s\"\n", "  @@plan.duration(\"0s\");\n" },
        { "run without a name", "'name' must not be empty", "[run]\nname = @@\"\"\n", "  @@plan.name(\"\");\n" },

        // Faults.
        { "fault probability above 1", "fault 'loss-1': 'probability' must be between 0 and 1, got 2",
            TomlDevice + TomlPublish + "[[fault]]\nkind = \"loss\"\nprobability = @@2\n",
            JsDevice + JsPublish + "  @@plan.fault({ kind: \"loss\", probability: 2 });\n" },
        { "fault that stops before it starts", "fault 'silence-1': 'stop' (1s) must be after 'start' (2s)",
            TomlDevice + TomlPublish + "[[fault]]\nkind = \"silence\"\nstart = \"2s\"\nstop = @@\"1s\"\n",
            JsDevice + JsPublish + "  @@plan.fault({ kind: \"silence\", start: \"2s\", stop: \"1s\" });\n" },
        { "fault copies beyond the limit", "fault 'duplicate-1': 'copies' must be between 1 and 100, got 0",
            TomlDevice + TomlPublish + "[[fault]]\nkind = \"duplicate\"\ncopies = @@0\n",
            JsDevice + JsPublish + "  @@plan.fault({ kind: \"duplicate\", copies: 0 });\n" },
        { "sequence fault without a step", "fault 'sequence-1': 'step' must be at least 1",
            TomlDevice + TomlPublish + "[[fault]]\nkind = \"sequence\"\nmode = \"jump\"\nstep = @@0\n",
            JsDevice + JsPublish + "  @@plan.fault({ kind: \"sequence\", mode: \"jump\", step: 0 });\n" },
        { "fault on no device", "fault 'loss-1': no device called 'z'",
            TomlDevice + TomlPublish + "@@[[fault]]\nkind = \"loss\"\ndevice = \"z\"\n",
            JsDevice + JsPublish + "  @@plan.fault({ kind: \"loss\", device: \"z\" });\n" },
        { "duplicate fault names", "fault 'f': the name is already used (at <pos>)",
            TomlDevice + TomlPublish + "[[fault]]\nname = \"f\"\nkind = \"loss\"\n[[fault]]\nname = @@\"f\"\nkind = \"silence\"\n",
            JsDevice + JsPublish + "  plan.fault({ name: \"f\", kind: \"loss\" });\n  @@plan.fault({ name: \"f\", kind: \"silence\" });\n" },

        // Thresholds.
        { "threshold window of a fraction of a second", "'over': the window must be a whole number of seconds, at least 1s",
            "[[threshold]]\nmetric = \"pd_jitter\"\nrule = \"max < 1ms\"\nover = @@\"1500ms\"\n",
            "  @@plan.threshold(\"pd_jitter\", { rule: \"max < 1ms\", over: \"1500ms\" });\n" },
        { "threshold window on a gauge", "'over': 'pd_timed_out' is a gauge (a value now), so it has no windows; use 'for' to require a lasting violation",
            "[[threshold]]\nmetric = \"pd_timed_out\"\nrule = \"value == 0\"\nover = @@\"10s\"\n",
            "  @@plan.threshold(\"pd_timed_out\", { rule: \"value == 0\", over: \"10s\" });\n" },
        { "threshold sustained for a fraction of a second", "'for': the sustained time must be a whole number of seconds, at least 1s",
            "[[threshold]]\nmetric = \"pd_jitter\"\nrule = \"max < 1ms\"\nfor = @@\"500ms\"\n",
            "  @@plan.threshold(\"pd_jitter\", { rule: \"max < 1ms\", for: \"500ms\" });\n" },
    };

    /// <summary>Values the plan cannot hold are each front end's to refuse, in its own words: both refuse,
    /// at their own position, naming the key.</summary>
    public static TheoryData<string, string, string, string> Unreadable() => new()
    {
        { "negative cycle", "'cycle'",
            TomlDevice + "[[device.publish]]\ncom-id = 1\ncycle = @@\"-5ms\"\ndestination = \"127.0.0.3\"\n",
            JsDevice + "  @@a.publish({ comId: 1, cycle: \"-5ms\", destination: \"127.0.0.3\" });\n" },
        { "address with a part above 255", "'destination'",
            TomlDevice + "[[device.publish]]\ncom-id = 1\ndestination = @@\"127.0.0.300\"\n",
            JsDevice + "  @@a.publish({ comId: 1, destination: \"127.0.0.300\" });\n" },
        { "ComId that is text", "'com-id'",
            TomlDevice + "[[device.publish]]\ncom-id = @@\"1\"\ndestination = \"127.0.0.3\"\n",
            JsDevice + "  @@a.publish({ comId: \"1\", destination: \"127.0.0.3\" });\n" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BothFrontEndsRefuseAlike(string name, string message, string toml, string js)
    {
        PlanError fromToml = SingleError(LoadToml(toml, out SourceLocation tomlAt), name);
        PlanError fromJs = SingleError(LoadJs(js, out SourceLocation jsAt), name);

        Assert.Equal(message, Normalize(fromToml.Message, "case.toml"));
        Assert.Equal(message, Normalize(fromJs.Message, "case.js"));
        Assert.Equal(tomlAt, fromToml.Location);
        Assert.Equal(jsAt, fromJs.Location);
    }

    [Theory]
    [MemberData(nameof(Unreadable))]
    public void BothFrontEndsRefuseWhatThePlanCannotHold(string name, string key, string toml, string js)
    {
        PlanError fromToml = SingleError(LoadToml(toml, out SourceLocation tomlAt), name);
        PlanError fromJs = SingleError(LoadJs(js, out SourceLocation jsAt), name);

        Assert.Contains(key, fromToml.Message, StringComparison.Ordinal);
        Assert.Contains(ScriptSpelling(key), fromJs.Message, StringComparison.Ordinal);
        Assert.Equal(tomlAt, fromToml.Location);
        Assert.Equal(jsAt, fromJs.Location);
    }

    [Fact]
    public void EveryCaseIsValidWithoutItsFault()
    {
        // The snippets around each case are themselves valid, so the one error is the case's.
        PlanLoadResult toml = TomlPlanLoader.Load(TomlDataset + TomlDevice + TomlPublish, "case.toml").Validated();
        PlanLoadResult js = ScenarioLoader.Load(Script(JsDataset + JsDevice + JsPublish), "case.js", new Dictionary<string, string>()).Validated();

        Assert.True(toml.Success, toml.FormatErrors());
        Assert.True(js.Success, js.FormatErrors());
    }

    private static PlanLoadResult LoadToml(string marked, out SourceLocation at)
    {
        string text = Unmark(marked, "case.toml", out at);
        return TomlPlanLoader.Load(text, "case.toml").Validated();
    }

    private static PlanLoadResult LoadJs(string marked, out SourceLocation at)
    {
        string text = Unmark(Script(marked), "case.js", out at);
        return ScenarioLoader.Load(text, "case.js", new Dictionary<string, string>()).Validated();
    }

    private static string Script(string body) => "export default function (plan) {\n" + body + "}\n";

    private static PlanError SingleError(PlanLoadResult result, string name)
    {
        Assert.False(result.Success, $"{name}: accepted");
        Assert.True(result.Errors.Count == 1, $"{name}: expected one error, got:\n{result.FormatErrors()}");
        return result.Errors[0];
    }

    /// <summary>Removes the <c>@@</c> marker and returns where it was (1-based line and column).</summary>
    private static string Unmark(string marked, string file, out SourceLocation at)
    {
        int index = marked.IndexOf("@@", StringComparison.Ordinal);
        Assert.True(index >= 0, "the case has no @@ marker");
        int line = 1 + marked.AsSpan(0, index).Count('\n');
        int lineStart = index == 0 ? 0 : marked.LastIndexOf('\n', index - 1) + 1;
        int column = index - lineStart + 1;
        at = new SourceLocation(file, line, column);
        return marked.Remove(index, 2);
    }

    /// <summary>A position a message quotes must be in the case's own file; it compares as <c>&lt;pos&gt;</c>.</summary>
    private static string Normalize(string message, string file)
    {
        foreach (Match match in Position().Matches(message))
        {
            Assert.StartsWith(file + ":", match.Value, StringComparison.Ordinal);
        }

        return Position().Replace(message, "<pos>");
    }

    private static string ScriptSpelling(string key) => key == "'com-id'" ? "'comId'" : key;

    private static string DelayError(string spec)
    {
        Assert.False(DelayDistribution.TryCreate(spec, out _, out string error));
        return error;
    }

    [GeneratedRegex(@"case\.(toml|js):\d+:\d+")]
    private static partial Regex Position();
}
