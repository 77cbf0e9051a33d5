package dev.valhalla.migrate.revision;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Decodes the bytes of a revision file as strict UTF-8, reporting the line of the first invalid byte. */
final class RevisionText {

    private RevisionText() {
    }

    /**
     * The text of the file with a leading byte order mark removed and all line endings turned into LF.
     *
     * @throws RevisionFormatException when the bytes are not valid UTF-8
     */
    static String decode(Path file, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer input = ByteBuffer.wrap(bytes);
        CharBuffer output = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(input, output, true);
        if (!result.isError()) {
            result = decoder.flush(output);
        }
        if (result.isError()) {
            int offset = input.position();
            throw new RevisionFormatException(file, lineOf(bytes, offset), String.format(
                    "not valid UTF-8: byte 0x%02X at offset %d", bytes[offset] & 0xFF, offset));
        }
        if (result.isOverflow()) {
            // Cannot happen: UTF-8 never yields more chars than bytes; fail loudly rather than truncate.
            throw new IllegalStateException("UTF-8 decoder overflow on " + file);
        }
        output.flip();
        String text = output.toString();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static int lineOf(byte[] bytes, int offset) {
        int line = 1;
        for (int index = 0; index < offset; index++) {
            if (bytes[index] == '\n') {
                line++;
            }
        }
        return line;
    }
}
