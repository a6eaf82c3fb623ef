package org.octt.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The public API of a module's compiled classes, by reflection: the types a plugin or embedder can
 * see (public, or protected nested in such a type, outside packages with an {@code internal}
 * segment) and every type their visible signatures name. A module's test calls
 * {@link #internalTypesExposed(Path)} over its {@code target/classes} and asserts the list is empty,
 * so that a public API that hands out an internal type fails the build.
 */
public final class PublicApi {

    private PublicApi() {
    }

    /**
     * One line per place where a visible type's visible signature names an internal type, e.g.
     * {@code org.octt.tls.ws.Foo#bar(..) returns org.octt.tls.internal.Baz}; empty when there is
     * none. Visible signatures: superclass and interfaces (with their type arguments), type
     * parameter bounds, and public or protected fields, constructors and methods (parameters, return
     * type, exceptions, type arguments).
     *
     * @param classes a folder of compiled classes on the test's class path (a module's
     *                {@code target/classes})
     */
    public static List<String> internalTypesExposed(Path classes) {
        return internalTypesExposed(classes, "");
    }

    /** {@link #internalTypesExposed(Path)} of the types whose names start with {@code prefix}. */
    public static List<String> internalTypesExposed(Path classes, String prefix) {
        List<String> found = new ArrayList<>();
        for (Class<?> type : visibleTypes(classes)) {
            if (!type.getName().startsWith(prefix)) {
                continue;
            }
            String where = type.getName();
            check(found, where + " extends", type.getGenericSuperclass());
            for (Type i : type.getGenericInterfaces()) {
                check(found, where + " implements", i);
            }
            for (TypeVariable<?> v : type.getTypeParameters()) {
                check(found, where + " type parameter " + v.getName(), v);
            }
            for (Field f : type.getDeclaredFields()) {
                if (visible(f) && !f.isSynthetic()) {
                    check(found, where + "." + f.getName() + " has type", f.getGenericType());
                }
            }
            List<Executable> executables = new ArrayList<>(Arrays.asList(type.getDeclaredConstructors()));
            executables.addAll(Arrays.asList(type.getDeclaredMethods()));
            for (Executable e : executables) {
                if (!visible(e) || e.isSynthetic() || e instanceof Method m && m.isBridge()) {
                    continue;
                }
                String name = where + (e instanceof Constructor ? "#<init>" : "#" + e.getName()) + "(..)";
                if (e instanceof Method m) {
                    check(found, name + " returns", m.getGenericReturnType());
                }
                for (Type p : e.getGenericParameterTypes()) {
                    check(found, name + " takes", p);
                }
                for (Type x : e.getGenericExceptionTypes()) {
                    check(found, name + " throws", x);
                }
                for (TypeVariable<?> v : e.getTypeParameters()) {
                    check(found, name + " type parameter " + v.getName(), v);
                }
            }
        }
        return found;
    }

    /**
     * The visible types (see the class comment) that are records, by name. A record's canonical
     * constructor is public and changes with every component added, so a value type that will grow
     * must not be one.
     */
    public static List<String> records(Path classes) {
        return visibleTypes(classes).stream().filter(Class::isRecord).map(Class::getName).sorted().toList();
    }

    /** Whether a package is internal: one of its segments is {@code internal}. */
    public static boolean isInternal(String packageName) {
        return Arrays.asList(packageName.split("\\.")).contains("internal");
    }

    /** The visible types of a folder of compiled classes, loaded (not initialised) by this class's loader. */
    public static List<Class<?>> visibleTypes(Path classes) {
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                String file = classes.relativize(f).toString().replace('\\', '/');
                if (file.endsWith("module-info.class") || file.endsWith("package-info.class")) {
                    continue;
                }
                String name = file.substring(0, file.length() - ".class".length()).replace('/', '.');
                Class<?> type = Class.forName(name, false, PublicApi.class.getClassLoader());
                if (visible(type)) {
                    types.add(type);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + classes, e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(classes + " is not on the test's class path: " + e.getMessage(), e);
        }
        return types;
    }

    private static boolean visible(Class<?> type) {
        if (type.isAnonymousClass() || type.isLocalClass() || type.isSynthetic() || isInternal(type.getPackageName())) {
            return false;
        }
        for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
            int m = t.getModifiers();
            boolean nestedProtected = t.getDeclaringClass() != null && Modifier.isProtected(m);
            if (!Modifier.isPublic(m) && !nestedProtected) {
                return false;
            }
        }
        return true;
    }

    private static boolean visible(Member member) {
        int m = member.getModifiers();
        return Modifier.isPublic(m) || Modifier.isProtected(m) && !Modifier.isFinal(member.getDeclaringClass().getModifiers());
    }

    private static void check(List<String> found, String where, Type type) {
        Set<Class<?>> named = new HashSet<>();
        collect(type, named, new HashSet<>());
        named.stream().filter(c -> isInternal(c.getPackageName())).map(Class::getName).sorted()
                .forEach(c -> found.add(where + " " + c));
    }

    private static void collect(Type type, Set<Class<?>> named, Set<Type> seen) {
        if (type == null || !seen.add(type)) {
            return;
        }
        if (type instanceof Class<?> c) {
            while (c.isArray()) {
                c = c.getComponentType();
            }
            named.add(c);
        } else if (type instanceof ParameterizedType p) {
            collect(p.getRawType(), named, seen);
            collect(p.getOwnerType(), named, seen);
            for (Type a : p.getActualTypeArguments()) {
                collect(a, named, seen);
            }
        } else if (type instanceof WildcardType w) {
            for (Type b : w.getUpperBounds()) {
                collect(b, named, seen);
            }
            for (Type b : w.getLowerBounds()) {
                collect(b, named, seen);
            }
        } else if (type instanceof TypeVariable<?> v) {
            for (Type b : v.getBounds()) {
                collect(b, named, seen);
            }
        } else if (type instanceof GenericArrayType g) {
            collect(g.getGenericComponentType(), named, seen);
        }
    }
}
