using System.Globalization;
using System.Text.RegularExpressions;

namespace MocketNet.Http.Matching;

/// <summary>
/// A path with route parameters as ASP.NET Core writes them: <c>{id}</c> (one segment), <c>{id:int}</c> (with a
/// constraint), <c>{id?}</c> (optional, last), <c>{*rest}</c> or <c>{**rest}</c> (the remainder, last), and parameters
/// inside a segment (<c>{name}.{ext}</c>). Segments compare after percent-decoding; a trailing slash is ignored.
/// </summary>
internal sealed class RouteTemplate
{
    private static readonly Dictionary<string, Func<string, bool>> s_constraints = new(StringComparer.OrdinalIgnoreCase)
    {
        ["int"] = v => int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        ["long"] = v => long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        ["decimal"] = v => decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out _),
        ["double"] = v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
        ["bool"] = v => bool.TryParse(v, out _),
        ["guid"] = v => Guid.TryParse(v, out _),
        ["alpha"] = v => v.Length > 0 && v.All(char.IsAsciiLetter),
    };

    private readonly Segment[] _segments;

    private RouteTemplate(string text, Segment[] segments)
    {
        Text = text;
        _segments = segments;
    }

    /// <summary>The template as registered.</summary>
    public string Text { get; }

    /// <summary>Whether <paramref name="path"/> (percent-decoded) holds route parameters.</summary>
    public static bool IsTemplate(string path) => path.Contains('{', StringComparison.Ordinal);

    /// <summary>Reads a template.</summary>
    /// <exception cref="ArgumentException">It is not one; the message names the template and the fix.</exception>
    public static RouteTemplate Parse(string path, string parameterName)
    {
        var texts = Split(path);
        var segments = new Segment[texts.Length];
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < texts.Length; i++)
        {
            segments[i] = Segment.Parse(texts[i], path, parameterName);
            foreach (var name in segments[i].Names)
            {
                if (!names.Add(name))
                {
                    throw Invalid(path, parameterName, $"the parameter {{{name}}} appears twice");
                }
            }

            if ((segments[i].IsCatchAll || segments[i].IsOptional) && i != texts.Length - 1)
            {
                throw Invalid(path, parameterName, $"{{{segments[i].Names[0]}}} is {(segments[i].IsCatchAll ? "a catch-all" : "optional")}, so it must be the last segment");
            }
        }

        return new RouteTemplate(path, segments);
    }

    /// <summary>Matches a request path (as sent, percent-encoded); the parameter values, or null and why not.</summary>
    public Dictionary<string, string>? Match(string requestPath, out string? mismatch)
    {
        var parts = Split(requestPath);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < _segments.Length; i++)
        {
            var segment = _segments[i];
            if (segment.IsCatchAll)
            {
                values[segment.Names[0]] = Uri.UnescapeDataString(string.Join('/', parts.Skip(i)));
                mismatch = null;
                return values;
            }

            if (i >= parts.Length)
            {
                mismatch = segment.IsOptional ? null : $"the path has {parts.Length} segment(s), the template needs {Required}";
                return mismatch is null ? values : null;
            }

            var part = Uri.UnescapeDataString(parts[i]);
            if (!segment.TryMatch(part, values))
            {
                mismatch = $"segment '{part}' does not match '{segment.Text}'";
                return null;
            }
        }

        mismatch = parts.Length > _segments.Length ? $"the path has {parts.Length} segments, the template {_segments.Length}" : null;
        return mismatch is null ? values : null;
    }

    public override string ToString() => Text;

    private int Required => _segments.Count(s => !s.IsOptional && !s.IsCatchAll);

    private static string[] Split(string path)
    {
        var trimmed = path.Trim('/');
        return trimmed.Length == 0 ? [] : trimmed.Split('/');
    }

    private static ArgumentException Invalid(string path, string parameterName, string what) => new(
        $"The route template \"{path}\" is not valid: {what}. Write parameters as ASP.NET Core does: {{id}}, {{id:int}}, {{id?}} (last), {{*rest}} (last).",
        parameterName);

    /// <summary>One segment: literal text, one parameter, or parameters with literal text between them.</summary>
    private sealed class Segment
    {
        private readonly Regex? _pattern;
        private readonly (string Name, Func<string, bool>? Constraint)[] _parameters;

        private Segment(string text, Regex? pattern, (string Name, Func<string, bool>? Constraint)[] parameters, bool catchAll, bool optional)
        {
            Text = text;
            _pattern = pattern;
            _parameters = parameters;
            IsCatchAll = catchAll;
            IsOptional = optional;
        }

        public string Text { get; }

        public bool IsCatchAll { get; }

        public bool IsOptional { get; }

        public string[] Names => [.. _parameters.Select(p => p.Name)];

        public static Segment Parse(string text, string path, string parameterName)
        {
            var regex = new System.Text.StringBuilder("^");
            var parameters = new List<(string, Func<string, bool>?)>();
            var catchAll = false;
            var optional = false;
            var position = 0;
            while (position < text.Length)
            {
                var open = text.IndexOf('{', position);
                var close = text.IndexOf('}', position);
                if (open < 0)
                {
                    if (close >= 0)
                    {
                        throw Invalid(path, parameterName, $"a '}}' in \"{text}\" closes nothing");
                    }

                    regex.Append(Regex.Escape(text[position..]));
                    break;
                }

                if (close < open)
                {
                    throw Invalid(path, parameterName, close < 0 ? $"a '{{' in \"{text}\" is never closed" : $"a '}}' in \"{text}\" closes nothing");
                }

                regex.Append(Regex.Escape(text[position..open]));
                var body = text[(open + 1)..close];
                catchAll = body.StartsWith('*');
                optional = body.EndsWith('?');
                var spec = body.TrimStart('*').TrimEnd('?').Split(':', 2);
                var name = spec[0];
                if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
                {
                    throw Invalid(path, parameterName, $"\"{{{body}}}\" has no parameter name (letters, digits, _)");
                }

                if ((catchAll || optional) && text != "{" + body + "}")
                {
                    throw Invalid(path, parameterName, $"{{{body}}} must be a whole segment");
                }

                Func<string, bool>? constraint = null;
                if (spec.Length > 1 && !s_constraints.TryGetValue(spec[1], out constraint))
                {
                    throw Invalid(path, parameterName, $"the constraint '{spec[1]}' is not one Mocket knows ({string.Join(", ", s_constraints.Keys)})");
                }

                parameters.Add((name, constraint));
                regex.Append(CultureInfo.InvariantCulture, $"(?<p{parameters.Count - 1}>.+?)");
                position = close + 1;
            }

            var literal = parameters.Count == 0;
            return new Segment(text, literal ? null : new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant), [.. parameters], catchAll, optional);
        }

        public bool TryMatch(string part, Dictionary<string, string> values)
        {
            if (_pattern is null)
            {
                return string.Equals(part, Text, StringComparison.Ordinal);
            }

            var match = _pattern.Match(part);
            if (!match.Success)
            {
                return false;
            }

            for (var i = 0; i < _parameters.Length; i++)
            {
                var value = match.Groups["p" + i.ToString(CultureInfo.InvariantCulture)].Value;
                if (_parameters[i].Constraint is { } constraint && !constraint(value))
                {
                    return false;
                }

                values[_parameters[i].Name] = value;
            }

            return true;
        }
    }
}
