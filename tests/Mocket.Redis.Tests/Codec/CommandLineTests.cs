namespace MocketNet.Redis.Tests.Codec;

public class CommandLineTests
{
    [Theory]
    [InlineData("GET foo", new[] { "GET", "foo" })]
    [InlineData("  SET   a   b  ", new[] { "SET", "a", "b" })]
    [InlineData("SET snowman \"is ☃!\"", new[] { "SET", "snowman", "is ☃!" })]
    [InlineData("SET k 'single \"quoted\"'", new[] { "SET", "k", "single \"quoted\"" })]
    [InlineData("SET k \"say \\\"hi\\\"\"", new[] { "SET", "k", "say \"hi\"" })]
    [InlineData("SET k \"a\\nb\"", new[] { "SET", "k", "a\\nb" })]
    [InlineData("SET k a\\ b", new[] { "SET", "k", "a b" })]
    [InlineData("SET k \"\"", new[] { "SET", "k", "" })]
    [InlineData("SET k pre\"mid\"post", new[] { "SET", "k", "premidpost" })]
    public void Commands_split_like_Python_shlex(string command, string[] expected) =>
        Assert.Equal(expected, CommandLine.Split(command));

    [Theory]
    [InlineData("SET k \"open")]
    [InlineData("SET k 'open")]
    [InlineData("SET k \\")]
    public void Unbalanced_quoting_is_an_error(string command) => Assert.Throws<ArgumentException>(() => CommandLine.Split(command));

    [Theory]
    [InlineData("plain")]
    [InlineData("two words")]
    [InlineData("quote\"inside")]
    [InlineData("")]
    [InlineData("back\\slash")]
    public void Quote_gives_back_a_token_that_splits_to_itself(string token) =>
        Assert.Equal([token], CommandLine.Split(CommandLine.Quote(token)));
}
