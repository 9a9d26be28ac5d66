package dev.oauth2jwt.http.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The SVG a page shows reads back, with a QR decoder, as the very URI an authenticator app gets. */
class QrCodesTest {

    static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
    static final Pattern MODULE = Pattern.compile("M(\\d+),(\\d+)h1v1h-1z");
    static final int SCALE = 4;

    @Test
    void theDrawingDecodesToTheText() throws Exception {
        String uri = "otpauth://totp/login.example.com:john%20doe?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                + "&issuer=login.example.com&algorithm=SHA1&digits=6&period=30";
        String svg = QrCodes.svg(uri, 220);
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"QR code\" width=\"220\""), svg);

        Matcher box = VIEW_BOX.matcher(svg);
        assertTrue(box.find());
        int size = Integer.parseInt(box.group(1));
        int[] pixels = new int[size * SCALE * size * SCALE];
        java.util.Arrays.fill(pixels, 0xFFFFFF);
        Matcher module = MODULE.matcher(svg);
        while (module.find()) {
            int x = Integer.parseInt(module.group(1));
            int y = Integer.parseInt(module.group(2));
            for (int dy = 0; dy < SCALE; dy++) {
                for (int dx = 0; dx < SCALE; dx++) {
                    pixels[(y * SCALE + dy) * size * SCALE + x * SCALE + dx] = 0;
                }
            }
        }
        BinaryBitmap image = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(size * SCALE, size * SCALE, pixels)));
        assertEquals(uri, new QRCodeReader().decode(image).getText());
    }
}
