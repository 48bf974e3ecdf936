package dev.stoker.io.source;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * S3Proxy, an S3 server over memory, in a child JVM on 127.0.0.1 and a free port. Started from its
 * self-contained jar (the build copies it to the path in {@code stoker.s3proxy.jar}), so its
 * libraries stay off the test class path.
 *
 * <p><b>Ownership.</b> The test that starts it closes it; {@link #close()} kills the process and
 * waits for it to end. Not thread-safe.
 */
final class S3ProxyServer implements AutoCloseable {
  static final String ACCESS_KEY = "stoker";
  static final String SECRET_KEY = "stoker-secret";

  /** Startup is a few seconds; this bound only turns a broken server into a failure, not a hang. */
  private static final int STARTUP_PROBES = 1200;

  private final Process process;
  private final URI endpoint;
  private final Path log;

  private S3ProxyServer(Process process, URI endpoint, Path log) {
    this.process = process;
    this.endpoint = endpoint;
    this.log = log;
  }

  static S3ProxyServer start(Path workDir) throws IOException, InterruptedException {
    String jar = System.getProperty("stoker.s3proxy.jar", "target/s3proxy/s3proxy.jar");
    if (!Files.isRegularFile(Path.of(jar))) {
      throw new IOException(jar + ": no S3Proxy jar (expected: the build copies it there)");
    }
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    Path properties = workDir.resolve("s3proxy.conf");
    Files.write(
        properties,
        List.of(
            "s3proxy.endpoint=" + endpoint,
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + ACCESS_KEY,
            "s3proxy.credential=" + SECRET_KEY,
            "jclouds.provider=transient",
            "jclouds.identity=" + ACCESS_KEY,
            "jclouds.credential=" + SECRET_KEY));
    Path log = workDir.resolve("s3proxy.log");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(), "-Xmx256m", "-jar", jar, "--properties", properties.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    S3ProxyServer server = new S3ProxyServer(process, endpoint, log);
    try {
      server.awaitListening(port);
    } catch (IOException | InterruptedException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void awaitListening(int port) throws IOException, InterruptedException {
    for (int i = 0; i < STARTUP_PROBES; i++) {
      if (!process.isAlive()) {
        throw new IOException("S3Proxy exited with " + process.exitValue() + "; " + tail());
      }
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        if (s.isConnected()) {
          return;
        }
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IOException("S3Proxy is not listening on port " + port + "; " + tail());
  }

  private String tail() throws IOException {
    List<String> lines = Files.readAllLines(log);
    return "its log ends: "
        + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }

  URI endpoint() {
    return endpoint;
  }

  /** Stops the server; if interrupted, kills it and keeps the interrupt. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
