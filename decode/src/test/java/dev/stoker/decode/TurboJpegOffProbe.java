package dev.stoker.decode;

/** Run by {@link TurboJpegSettingTest} in a child JVM: prints which JPEG path this JVM takes. */
final class TurboJpegOffProbe {
  private TurboJpegOffProbe() {}

  public static void main(String[] args) {
    try (ImageDecoder jpeg = ImageDecoders.createForJpeg(DecodeOptions.defaults())) {
      System.out.println("jpeg decoder: " + jpeg.getClass().getSimpleName());
    }
    System.out.println("turbojpeg available: " + ImageDecoders.turboJpegAvailable());
    System.out.println("transformer available: " + TurboJpegTransformer.isAvailable());
    System.out.println("reason: " + ImageDecoders.turboJpegUnavailableReason().orElse("none"));
  }
}
