package dev.stoker.convert;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 in lower-case hex, of bytes, off-heap segments and files. Thread-safe (stateless). */
public final class Digests {
  private Digests() {}

  /**
   * Starts a SHA-256 digest.
   *
   * @return a new digest
   */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  /**
   * Hashes a segment.
   *
   * @param bytes the bytes, on or off the heap
   * @return the hex digest
   */
  public static String sha256(MemorySegment bytes) {
    MessageDigest d = sha256();
    d.update(bytes.asByteBuffer());
    return HexFormat.of().formatHex(d.digest());
  }

  /**
   * Hashes a file.
   *
   * @param file the file
   * @return the hex digest
   * @throws IOException when it cannot be read
   */
  public static String sha256(Path file) throws IOException {
    MessageDigest d = sha256();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        d.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(d.digest());
  }
}
