package dev.stoker.bench.peer;

import dev.stoker.core.Checks;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * What a JVM user writes without Stoker: a fixed {@link ExecutorService} decodes each JPEG with the
 * JDK's own JPEG reader, draws it into a {@code size × size} {@link BufferedImage} with {@link
 * Graphics2D} bilinear interpolation, and copies the pixels, scaled by 1/255, into the batch's
 * {@code float[]} (NHWC, RGB). Up to {@code prefetch} batches are in flight while the consumer
 * works on one.
 *
 * <p>The peer is set up as a careful user would: {@code ImageIO.setUseCache(false)}, so a read does
 * not write a temporary file per image, and the JDK's own {@code JPEGImageReader} chosen by name
 * (one per thread), not whichever reader the classpath offers first (TwelveMonkeys, here).
 *
 * <p>The encoded images are held in the heap (read once from the shard), so this peer pays no I/O;
 * Stoker and tf.data read the shard from the page cache.
 *
 * <p><b>Ownership and threading.</b> One consumer thread calls {@link #next()} and {@link
 * #close()}; close stops the executor and waits for it.
 */
public final class JdkPipeline implements AutoCloseable {
  private final List<byte[]> images;
  private final int size;
  private final int batch;
  private final ExecutorService executor;
  private final ArrayDeque<List<Future<?>>> inFlight = new ArrayDeque<>();
  private final ArrayDeque<float[]> buffers = new ArrayDeque<>();
  private final ArrayDeque<float[]> pending = new ArrayDeque<>();
  private long cursor;

  /** The provider class of the JDK's own JPEG reader. */
  private static final String JDK_READER_SPI = "com.sun.imageio.plugins.jpeg.JPEGImageReaderSpi";

  private static final ThreadLocal<ImageReader> READER =
      ThreadLocal.withInitial(JdkPipeline::jdkJpegReader);

  /**
   * Returns a new instance of the JDK's own JPEG reader.
   *
   * @return the reader, for one thread
   * @throws IllegalStateException when this JDK has none
   */
  static ImageReader jdkJpegReader() {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
    while (readers.hasNext()) {
      ImageReader reader = readers.next();
      ImageReaderSpi spi = reader.getOriginatingProvider();
      if (spi != null && spi.getClass().getName().equals(JDK_READER_SPI)) {
        return reader;
      }
      reader.dispose();
    }
    throw new IllegalStateException("no JPEG reader from " + JDK_READER_SPI + " in this JDK");
  }

  /**
   * Starts the executor and the first {@code prefetch} batches.
   *
   * @param images the encoded images, cycled in order
   * @param size the output side
   * @param batch images per batch
   * @param workers executor threads
   * @param prefetch batches in flight
   */
  public JdkPipeline(List<byte[]> images, int size, int batch, int workers, int prefetch) {
    Checks.require(!images.isEmpty(), "images", images.size(), "> 0");
    this.images = List.copyOf(images);
    this.size = size;
    this.batch = batch;
    ImageIO.setUseCache(false);
    this.executor = Executors.newFixedThreadPool(workers);
    for (int i = 0; i <= prefetch; i++) {
      buffers.add(new float[batch * size * size * 3]);
    }
    for (int i = 0; i < prefetch; i++) {
      submit();
    }
  }

  private void submit() {
    float[] out = buffers.removeFirst();
    List<Future<?>> tasks = new ArrayList<>(batch);
    for (int i = 0; i < batch; i++) {
      byte[] jpeg = images.get((int) (cursor++ % images.size()));
      int index = i;
      tasks.add(executor.submit(() -> decodeInto(jpeg, out, index)));
    }
    inFlight.addLast(tasks);
    pending.addLast(out);
  }

  /**
   * Waits for the oldest batch and starts another. The array stays valid until the next call.
   *
   * @return the batch, {@code [batch, size, size, 3]} floats in [0, 1]
   * @throws InterruptedException when interrupted while waiting
   */
  public float[] next() throws InterruptedException {
    List<Future<?>> tasks = inFlight.removeFirst();
    for (Future<?> f : tasks) {
      try {
        f.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("a JDK peer task failed", e.getCause());
      }
    }
    float[] done = pending.removeFirst();
    submit();
    buffers.addLast(done);
    return done;
  }

  /**
   * Decodes and resizes one image the plain JDK way, with the JDK's own JPEG reader and no disk
   * cache.
   *
   * @param jpeg the encoded image
   * @param size the output side
   * @return the resized image, {@code TYPE_3BYTE_BGR}
   */
  public static BufferedImage decodeResize(byte[] jpeg, int size) {
    BufferedImage src;
    ImageReader reader = READER.get();
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg))) {
      reader.setInput(in, true, true);
      src = reader.read(0);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "the JDK's JPEG reader failed on a " + jpeg.length + "-byte image", e);
    } finally {
      reader.setInput(null);
    }
    BufferedImage dst = new BufferedImage(size, size, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = dst.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(src, 0, 0, size, size, null);
    } finally {
      g.dispose();
    }
    return dst;
  }

  private void decodeInto(byte[] jpeg, float[] out, int index) {
    BufferedImage dst = decodeResize(jpeg, size);
    byte[] bgr = ((DataBufferByte) dst.getRaster().getDataBuffer()).getData();
    int base = index * size * size * 3;
    for (int p = 0; p < size * size; p++) {
      out[base + 3 * p] = (bgr[3 * p + 2] & 0xff) / 255f;
      out[base + 3 * p + 1] = (bgr[3 * p + 1] & 0xff) / 255f;
      out[base + 3 * p + 2] = (bgr[3 * p] & 0xff) / 255f;
    }
  }

  /**
   * Describes the configuration in one line for the report.
   *
   * @param workers the executor's threads
   * @return the description
   */
  public static String describe(int workers) {
    return "Executors.newFixedThreadPool("
        + workers
        + ") → the JDK's JPEGImageReader (ImageIO cache off) → Graphics2D.drawImage(BILINEAR) into TYPE_3BYTE_BGR → float[] ×1/255;"
        + " encoded bytes preloaded in the heap";
  }

  @Override
  public void close() {
    executor.shutdownNow();
    boolean interrupted = false;
    boolean terminated = false;
    while (!terminated) {
      try {
        terminated = executor.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
