package org.w3id.rekg.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.rekg.source.SourceException;
import org.w3id.rekg.source.YamlSource;

/** A source file must be a plain file: a link to a device or a FIFO is refused before it is read. */
class SourceFileKindTest {

    @Test
    void aLinkToDevZeroIsRefusedBeforeReading(@TempDir Path dir) throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("zero.yaml"), Path.of("/dev/zero"));
        SourceException e = assertThrows(SourceException.class, () -> YamlSource.parse(link, "sources/zero.yaml"));
        assertEquals("sources/zero.yaml: not a regular file (a device, FIFO, directory or a link to one): source files must be plain files",
                e.getMessage());
    }

    @Test
    void aFifoIsRefusedWithoutWaitingForAWriter(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("pipe.yaml");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        SourceException e = assertThrows(SourceException.class, () -> YamlSource.parse(fifo, "sources/pipe.yaml"));
        assertEquals(true, e.getMessage().contains("sources/pipe.yaml: not a regular file"), e.getMessage());
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedBeforeReading(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.yaml");
        try (var ch = java.nio.channels.FileChannel.open(big, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.position(YamlSource.MAX_BYTES);
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {'\n'}));
        }
        SourceException e = assertThrows(SourceException.class, () -> YamlSource.parse(big, "sources/big.yaml"));
        assertEquals(true, e.getMessage().contains("the file has " + (YamlSource.MAX_BYTES + 1) + " bytes"), e.getMessage());
    }
}
