package dev.stoker.decode;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class or method that needs libjpeg-turbo ({@code libturbojpeg.so.0}). Without the
 * library it is skipped, with a reason that names the library and why it did not load; with {@code
 * -Dstoker.turbojpeg.required=true} (or {@code STOKER_TURBOJPEG_REQUIRED=true}), as {@code .ci/run}
 * sets, it fails instead, so CI always tests the fast path. See {@link TurboJpegCondition}.
 *
 * <p>Shared with other modules' tests through the decode test jar.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(TurboJpegCondition.class)
public @interface RequiresTurboJpeg {}
