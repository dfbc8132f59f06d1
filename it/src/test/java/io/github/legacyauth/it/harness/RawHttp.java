package io.github.legacyauth.it.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Bytes on a socket, for requests no well-behaved HTTP client will send: raw control bytes, non-UTF-8
 * header values, a header sent twice.
 */
public final class RawHttp {

    private RawHttp() {
    }

    public record Reply(int status, String text) {
    }

    /** Sends {@code head} (request line and headers, CRLF-separated, without the blank line) and reads the reply. */
    public static Reply exchange(int port, byte[] head) {
        return exchange(port, head, new byte[0]);
    }

    /** As {@link #exchange(int, byte[])}, with a body (and its Content-Length) when it is not empty. */
    public static Reply exchange(int port, byte[] head, byte[] body) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head);
            if (body.length > 0) {
                out.write(("\r\nContent-Length: " + body.length).getBytes(StandardCharsets.US_ASCII));
            }
            out.write("\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            in.transferTo(reply);
            String text = reply.toString(StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(text.substring(9, 12));
            return new Reply(status, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
