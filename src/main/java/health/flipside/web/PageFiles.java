package health.flipside.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;

/**
 * The files of a page Flipside serves from the WAR (the console, the trend view): only the names listed, each with its
 * type, never cached, under the page's Content-Security-Policy. Nothing comes from outside, so the pages work on a
 * hospital network without internet.
 *
 * @param files     file name → (classpath resource, content type)
 */
record PageFiles(Map<String, String[]> files) {
    static String[] file(String resource, String type) {
        return new String[] {resource, type};
    }

    Response serve(String requested, String csp) throws IOException {
        String[] file = files.get(requested.isEmpty() ? "index.html" : requested);
        if (file == null) {
            throw new NotFoundException();
        }
        try (InputStream in = PageFiles.class.getResourceAsStream(file[0])) {
            if (in == null) {
                throw new NotFoundException();
            }
            return Response.ok(in.readAllBytes()).type(file[1]).header("Cache-Control", "no-store")
                    .header("Content-Security-Policy", csp).header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "no-referrer").build();
        }
    }
}
