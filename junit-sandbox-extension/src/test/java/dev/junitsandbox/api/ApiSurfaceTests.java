package dev.junitsandbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junitsandbox.Sandbox;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The API line, checked on the compiled classes: what {@code module-info.java} exports is the API,
 * and no public signature of it may expose Jackson, docker-java or a type of a package that is not
 * exported (a user could not name such a type, and we could not change it freely). Testcontainers'
 * types are allowed: {@code RuntimeUnderTest.applyTo(GenericContainer)} exists for them.
 */
class ApiSurfaceTests {

  private static final List<String> FORBIDDEN_PREFIXES =
      List.of("com.fasterxml.jackson.", "com.github.dockerjava.", "org.apache.commons.");

  @Test
  void theModuleExportsOnlyTheApiPackages() throws IOException {
    // GIVEN the compiled module descriptor
    ModuleDescriptor module = moduleDescriptor();

    // WHEN its exports are listed
    Set<String> exported = exportedPackages(module);

    // THEN they are the packages test and probe authors use, and no internal one
    assertThat(exported)
        .containsExactlyInAnyOrder(
            "dev.junitsandbox",
            "dev.junitsandbox.probe",
            "dev.junitsandbox.probe.builtin",
            "dev.junitsandbox.measure",
            "dev.junitsandbox.assertj",
            "dev.junitsandbox.report",
            "dev.junitsandbox.compare",
            "dev.junitsandbox.gate");
    assertThat(module.packages()).anyMatch(p -> p.startsWith("dev.junitsandbox.internal"));
  }

  @Test
  void noPublicSignatureOfAnExportedPackageExposesJacksonDockerJavaOrNonPublicTypes()
      throws Exception {
    // GIVEN every public type of the exported packages
    Set<String> exported = exportedPackages(moduleDescriptor());
    List<Class<?>> apiTypes = new ArrayList<>();
    for (String pkg : exported) {
      apiTypes.addAll(publicTypesOf(pkg));
    }

    // WHEN the types their public and protected signatures mention are collected
    Set<String> violations = new TreeSet<>();
    for (Class<?> type : apiTypes) {
      for (Signature signature : signaturesOf(type)) {
        for (Class<?> mentioned : classesIn(signature.type())) {
          if (forbidden(mentioned, exported)) {
            violations.add(signature.where() + " mentions " + mentioned.getName());
          }
        }
      }
    }

    // THEN none is Jackson, docker-java, or a type users cannot see
    assertThat(apiTypes).hasSizeGreaterThan(20);
    assertThat(violations).as("public signatures that leak non-API types").isEmpty();
  }

  @Test
  void theBuiltInProbesUseTheSpiAndNoInternalPlumbing() throws IOException {
    // GIVEN the classes of the built-in probes and of the tool-output parsers they share
    Path classes = libraryClasses().resolve("dev/junitsandbox");

    // WHEN the internal classes their constant pools name are collected
    Set<String> fromBuiltIns = internalClassesNamedIn(classes.resolve("probe/builtin"));
    Set<String> fromParsers = internalClassesNamedIn(classes.resolve("internal/tooloutput"));

    // THEN a built-in probe needs nothing a user's probe cannot have: no host or Docker plumbing,
    // no run state; only parsers of tool output, which themselves use nothing else internal
    assertThat(fromBuiltIns)
        .as("internal classes the built-in probes use")
        .isNotEmpty()
        .allMatch(name -> name.startsWith("dev/junitsandbox/internal/tooloutput/"));
    assertThat(fromParsers)
        .as("internal classes the tool-output parsers use")
        .allMatch(name -> name.startsWith("dev/junitsandbox/internal/tooloutput/"));
  }

  /**
   * The internal classes named in the class files under {@code directory}: a class a class file
   * refers to in any way (type, field, method, descriptor) is named in its constant pool as a UTF-8
   * string, {@code dev/junitsandbox/internal/...}, which stays ASCII in the file.
   */
  private static Set<String> internalClassesNamedIn(Path directory) throws IOException {
    Pattern internal = Pattern.compile("dev/junitsandbox/internal/[A-Za-z0-9_/$]+");
    Set<String> named = new TreeSet<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        Matcher matcher =
            internal.matcher(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
        while (matcher.find()) {
          named.add(matcher.group());
        }
      }
    }
    return named;
  }

  private record Signature(String where, Type type) {}

  private static boolean forbidden(Class<?> type, Set<String> exported) {
    String name = type.getName();
    if (FORBIDDEN_PREFIXES.stream().anyMatch(name::startsWith)) {
      return true;
    }
    String pkg = type.getPackageName();
    if (!pkg.startsWith("dev.junitsandbox")) {
      return false;
    }
    // a package-private supertype or parameter type is as invisible to users as an internal one
    return !exported.contains(pkg) || !publiclyReachable(type);
  }

  private static List<Signature> signaturesOf(Class<?> type) {
    List<Signature> signatures = new ArrayList<>();
    String name = type.getName();
    if (type.getGenericSuperclass() != null) {
      signatures.add(new Signature(name + " extends", type.getGenericSuperclass()));
    }
    for (Type implemented : type.getGenericInterfaces()) {
      signatures.add(new Signature(name + " implements", implemented));
    }
    for (Field field : type.getDeclaredFields()) {
      if (visible(field.getModifiers())) {
        signatures.add(new Signature(name + "." + field.getName(), field.getGenericType()));
      }
    }
    List<Executable> executables = new ArrayList<>(List.of(type.getDeclaredMethods()));
    if (!Modifier.isAbstract(type.getModifiers()) || !type.isInterface()) {
      executables.addAll(List.<Constructor<?>>of(type.getDeclaredConstructors()));
    }
    for (Executable executable : executables) {
      if (!visible(executable.getModifiers()) || executable.isSynthetic()) {
        continue;
      }
      String where = name + "." + executable.getName() + "(...)";
      if (executable instanceof Method method) {
        signatures.add(new Signature(where + " returns", method.getGenericReturnType()));
      }
      for (Type parameter : executable.getGenericParameterTypes()) {
        signatures.add(new Signature(where + " takes", parameter));
      }
      for (Type thrown : executable.getGenericExceptionTypes()) {
        signatures.add(new Signature(where + " throws", thrown));
      }
    }
    return signatures;
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  /** Every class a generic type mentions: the raw type, type arguments, bounds, array parts. */
  private static Set<Class<?>> classesIn(Type type) {
    Set<Class<?>> classes = new java.util.HashSet<>();
    collect(type, classes, new java.util.HashSet<>());
    return classes;
  }

  private static void collect(Type type, Set<Class<?>> into, Set<Type> seen) {
    if (!seen.add(type)) {
      return;
    }
    if (type instanceof Class<?> c) {
      into.add(c.isArray() ? c.getComponentType() : c);
    } else if (type instanceof ParameterizedType p) {
      collect(p.getRawType(), into, seen);
      for (Type argument : p.getActualTypeArguments()) {
        collect(argument, into, seen);
      }
    } else if (type instanceof WildcardType w) {
      Stream.concat(Stream.of(w.getUpperBounds()), Stream.of(w.getLowerBounds()))
          .forEach(b -> collect(b, into, seen));
    } else if (type instanceof GenericArrayType a) {
      collect(a.getGenericComponentType(), into, seen);
    } else if (type instanceof TypeVariable<?> v) {
      for (Type bound : v.getBounds()) {
        collect(bound, into, seen);
      }
    }
  }

  private static ModuleDescriptor moduleDescriptor() throws IOException {
    try (InputStream in = Files.newInputStream(libraryClasses().resolve("module-info.class"))) {
      return ModuleDescriptor.read(in);
    }
  }

  /** The library's compiled classes (target/classes), found through one of its API types. */
  private static Path libraryClasses() {
    try {
      return Path.of(Sandbox.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Set<String> exportedPackages(ModuleDescriptor module) {
    return module.exports().stream()
        .filter(e -> !e.isQualified())
        .map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The public top-level and nested types of {@code pkg}, from the library's compiled classes. */
  private static List<Class<?>> publicTypesOf(String pkg)
      throws IOException, ClassNotFoundException {
    Path dir = libraryClasses().resolve(pkg.replace('.', '/'));
    List<Class<?>> types = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String simple = file.getFileName().toString().replace(".class", "");
        Class<?> type =
            Class.forName(pkg + "." + simple, false, ApiSurfaceTests.class.getClassLoader());
        if (Modifier.isPublic(type.getModifiers()) && publiclyReachable(type)) {
          types.add(type);
        }
      }
    }
    return types;
  }

  private static boolean publiclyReachable(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
      if (!Modifier.isPublic(c.getModifiers())) {
        return false;
      }
    }
    return !type.isAnonymousClass() && !type.isSynthetic();
  }
}
