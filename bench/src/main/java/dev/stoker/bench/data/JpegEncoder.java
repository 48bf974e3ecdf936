package dev.stoker.bench.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Writes JPEGs with the JDK's own encoder ({@code com.sun.imageio.plugins.jpeg}), with the quality
 * and chroma subsampling stated rather than left to defaults: colour images are YCbCr 4:2:0 (luma
 * sampled 2×2, chroma 1×1), gray ones have one component. Stateless; one writer per call.
 */
final class JpegEncoder {
  private static final String NATIVE_FORMAT = "javax_imageio_jpeg_image_1.0";

  private JpegEncoder() {}

  /**
   * Encodes an image.
   *
   * @param image a {@code TYPE_INT_RGB} or {@code TYPE_BYTE_GRAY} image
   * @param quality the IJG quality, 1 to 100
   * @param progressive a progressive JPEG (the JDK's default scan script) instead of a baseline one
   * @return the JPEG file's bytes
   * @throws IOException when the encoder fails
   */
  static byte[] encode(BufferedImage image, int quality, boolean progressive) throws IOException {
    ImageWriter writer = jdkWriter();
    try {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality / 100f);
      param.setProgressiveMode(
          progressive ? ImageWriteParam.MODE_DEFAULT : ImageWriteParam.MODE_DISABLED);
      IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), param);
      if (image.getRaster().getNumBands() == 3) {
        subsample420(metadata);
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
        writer.setOutput(out);
        writer.write(null, new IIOImage(image, null, metadata), param);
      }
      return bytes.toByteArray();
    } finally {
      writer.dispose();
    }
  }

  /** Sets the frame header's sampling factors: 2×2 for luma, 1×1 for both chroma components. */
  private static void subsample420(IIOMetadata metadata) throws IOException {
    Node tree = metadata.getAsTree(NATIVE_FORMAT);
    @Nullable Node sof = find(tree, "sof");
    if (sof == null) {
      throw new IOException("the JDK's JPEG metadata has no frame header (sof) to set 4:2:0 in");
    }
    int component = 0;
    for (Node c = sof.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c instanceof Element spec && spec.getNodeName().equals("componentSpec")) {
        String factor = component == 0 ? "2" : "1";
        spec.setAttribute("HsamplingFactor", factor);
        spec.setAttribute("VsamplingFactor", factor);
        component++;
      }
    }
    metadata.setFromTree(NATIVE_FORMAT, tree);
  }

  private static @Nullable Node find(Node node, String name) {
    if (node.getNodeName().equals(name)) {
      return node;
    }
    for (Node c = node.getFirstChild(); c != null; c = c.getNextSibling()) {
      @Nullable Node found = find(c, name);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** The JDK's writer, also when TwelveMonkeys registers its own (which delegates to it). */
  private static ImageWriter jdkWriter() throws IOException {
    @Nullable ImageWriter first = null;
    for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg"); it.hasNext(); ) {
      ImageWriter w = it.next();
      if (w.getClass().getName().startsWith("com.sun.imageio.plugins.jpeg.")) {
        if (first != null) {
          first.dispose();
        }
        return w;
      }
      if (first == null) {
        first = w;
      } else {
        w.dispose();
      }
    }
    if (first == null) {
      throw new IOException("this JDK has no JPEG writer");
    }
    return first;
  }
}
