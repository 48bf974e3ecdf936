package dev.stoker.convert;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on stderr, redrawn with a carriage return at most five times a second:
 * {@code [#######.............] 1234/5000 24.7% 812 img/s ETA 0:00:05}. Used by one thread.
 */
final class Progress {
  private static final long REDRAW_NANOS = 200_000_000L;
  private static final int WIDTH = 24;

  private final PrintStream err;
  private final long total;
  private final long start = System.nanoTime();
  private long last = Long.MIN_VALUE;
  private long done;

  Progress(PrintStream err, long total) {
    this.err = err;
    this.total = total;
  }

  void advance() {
    done++;
    long now = System.nanoTime();
    if (last == Long.MIN_VALUE || now - last >= REDRAW_NANOS) {
      last = now;
      draw(now);
    }
  }

  void finish() {
    draw(System.nanoTime());
    err.println();
  }

  /** Images per second so far. */
  double rate() {
    double seconds = (System.nanoTime() - start) / 1e9;
    return seconds <= 0 ? 0 : done / seconds;
  }

  double seconds() {
    return (System.nanoTime() - start) / 1e9;
  }

  private void draw(long now) {
    double seconds = (now - start) / 1e9;
    double rate = seconds <= 0 ? 0 : done / seconds;
    double fraction = total <= 0 ? 1 : Math.min(1, (double) done / total);
    int filled = (int) Math.round(fraction * WIDTH);
    String eta = rate <= 0 ? "--:--:--" : clock((long) Math.ceil(Math.max(0, total - done) / rate));
    err.print(
        String.format(
            Locale.ROOT,
            "\r[%s%s] %d/%d %5.1f%% %6.0f img/s ETA %s",
            "#".repeat(filled),
            ".".repeat(WIDTH - filled),
            done,
            total,
            fraction * 100,
            rate,
            eta));
    err.flush();
  }

  static String clock(long seconds) {
    return String.format(
        Locale.ROOT, "%d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
  }
}
