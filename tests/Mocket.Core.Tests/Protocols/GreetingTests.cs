using System.Net;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace MocketNet.Tests.Protocols;

/// <summary>Servers that speak first (SMTP, FTP, POP3, IMAP): an entry's greeting is written as soon as a connection opens.</summary>
public class GreetingTests
{
    private static MocketEntry SmtpServer() => new(
        "smtp.test", 25,
        "250 smtp.test\r\n", "250 2.1.0 sender ok\r\n", "250 2.1.5 recipient ok\r\n", "354 end data with <CR><LF>.<CR><LF>\r\n",
        "250 2.0.0 queued as 42\r\n", "221 2.0.0 bye\r\n")
    {
        Greeting = "220 smtp.test ESMTP Mocket\r\n",
    };

    [Fact]
    public async Task The_greeting_arrives_before_the_client_writes()
    {
        using var scope = Mocket.Enable();
        Mocket.Register(new MocketEntry("pop.test", 110, "+OK bye\r\n") { Greeting = "+OK POP3 ready\r\n"u8.ToArray() });

        await using var stream = Mocket.Connect("pop.test", 110);
        var greeting = new byte["+OK POP3 ready\r\n".Length];
        await stream.ReadExactlyAsync(greeting).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("+OK POP3 ready\r\n", Encoding.ASCII.GetString(greeting));
        Assert.Empty(scope.Requests);
    }

    [Fact]
    public async Task MailKit_sends_a_mail_through_a_plain_entry_with_a_greeting()
    {
        using var scope = Mocket.Enable(new MocketOptions { Strict = true });
        Mocket.Register(SmtpServer());
        using var client = new SmtpClient();

        await using var stream = Mocket.Connect("smtp.test", 25);
        await client.ConnectAsync(stream, "smtp.test", 25, SecureSocketOptions.None);
        await client.SendAsync(Message());
        await client.DisconnectAsync(quit: true);

        var sent = scope.Requests.Select(r => Encoding.ASCII.GetString(r.Data.Span)).ToList();
        Assert.StartsWith("EHLO ", sent[0], StringComparison.Ordinal);
        Assert.Equal("MAIL FROM:<ada@test>\r\n", sent[1]);
        Assert.Equal("RCPT TO:<grace@test>\r\n", sent[2]);
        Assert.Contains("Subject: hello", sent[4], StringComparison.Ordinal);
        Assert.Equal("QUIT\r\n", sent[^1]);
    }

    [Fact]
    public async Task Over_a_loopback_listener_the_greeting_is_sent_too()
    {
        using var scope = Mocket.Enable();
        Mocket.Register(SmtpServer());
        var endpoint = Mocket.Listen("smtp.test", 25);
        using var client = new SmtpClient();

        await client.ConnectAsync(IPAddress.Loopback.ToString(), endpoint.Port, SecureSocketOptions.None);
        await client.SendAsync(Message());
        await client.DisconnectAsync(quit: true);

        Assert.Equal("QUIT\r\n", Encoding.ASCII.GetString(scope.LastRequest!.Data.Span));
    }

    [Fact]
    public async Task With_several_entries_at_a_location_the_first_with_a_greeting_gives_it_and_a_fault_is_no_greeting()
    {
        using var scope = Mocket.Enable();
        Mocket.Register(
            new MocketEntry("ftp.test", 21, "x"),
            new MocketEntry("ftp.test", 21, "y") { Greeting = "220 first\r\n" },
            new MocketEntry("ftp.test", 21, "z") { Greeting = "220 second\r\n" });

        await using var stream = Mocket.Connect("ftp.test", 21);
        var greeting = new byte["220 first\r\n".Length];
        await stream.ReadExactlyAsync(greeting).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("220 first\r\n", Encoding.ASCII.GetString(greeting));
        Assert.Throws<ArgumentException>(() => new MocketEntry("ftp.test", 21, "x") { Greeting = RawResponse.Fail(new IOException("no")) });
    }

    private static MimeMessage Message()
    {
        var message = new MimeMessage { Subject = "hello" };
        message.From.Add(MailboxAddress.Parse("ada@test"));
        message.To.Add(MailboxAddress.Parse("grace@test"));
        message.Body = new TextPart("plain") { Text = "Hi Grace" };
        return message;
    }
}
