package dev.oauth2jwt.docs.boundary;

import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.Paths;

/**
 * Applied when the OpenAPI document is generated at build time: the generator drops the trailing
 * slash of {@code @Path("users/me/")}, but that slash is part of the contract (the other form is
 * a redirect), so it is put back wherever a resource declares it.
 */
public class TrailingSlashFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Paths paths = openAPI.getPaths();
        if (paths == null) {
            return;
        }
        Set<String> withSlash = declaredWithTrailingSlash();
        for (String path : Set.copyOf(paths.getPathItems().keySet())) {
            if (withSlash.contains(path + "/")) {
                PathItem item = paths.getPathItem(path);
                paths.removePathItem(path);
                paths.addPathItem(path + "/", item);
            }
        }
    }

    /** Every resource method's full path template, as declared, among the classes beside this one. */
    static Set<String> declaredWithTrailingSlash() {
        Set<String> declared = new HashSet<>();
        for (Class<?> type : resourceClasses()) {
            String base = "/" + strip(type.getAnnotation(Path.class).value());
            for (Method method : type.getMethods()) {
                Path onMethod = method.getAnnotation(Path.class);
                String full = onMethod == null ? "/" + type.getAnnotation(Path.class).value()
                        : base + "/" + onMethod.value();
                String normalized = full.replaceAll("/+", "/");
                if (normalized.endsWith("/") && normalized.length() > 1) {
                    declared.add(normalized);
                }
            }
        }
        return declared;
    }

    private static String strip(String path) {
        return path.replaceAll("^/+|/+$", "");
    }

    private static Set<Class<?>> resourceClasses() {
        Set<Class<?>> classes = new HashSet<>();
        ClassLoader loader = TrailingSlashFilter.class.getClassLoader();
        try {
            java.nio.file.Path root = java.nio.file.Path.of(TrailingSlashFilter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isDirectory(root)) {
                return classes;
            }
            try (Stream<java.nio.file.Path> files = Files.walk(root)) {
                files.filter(file -> file.toString().endsWith(".class") && !file.getFileName().toString().contains("$"))
                        .map(file -> root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", ""))
                        .forEach(name -> {
                            try {
                                Class<?> type = Class.forName(name, false, loader);
                                if (type.isAnnotationPresent(Path.class)) {
                                    classes.add(type);
                                }
                            } catch (ClassNotFoundException | LinkageError e) {
                                // not loadable at build time: not a resource the document covers
                            }
                        });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return classes;
    }
}
