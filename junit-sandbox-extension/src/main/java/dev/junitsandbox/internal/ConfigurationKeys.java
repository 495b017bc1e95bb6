package dev.junitsandbox.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * The {@code junit.sandbox.*} keys set for a run, each with where it was set, so that {@link
 * Settings} can reject the ones it does not know. JUnit looks a key up in three places: the
 * launcher's own configuration parameters (Maven Surefire's {@code configurationParameters},
 * EngineTestKit), JVM system properties and {@code junit-platform.properties}.
 */
final class ConfigurationKeys {

  static final String PREFIX = "junit.sandbox.";
  static final String CONFIG_FILE = "junit-platform.properties";

  private ConfigurationKeys() {}

  /** Each {@code junit.sandbox.*} key that is set, mapped to where it was set. */
  static Map<String, String> present(ExtensionContext context) {
    Optional<URL> configFile = configFile();
    Properties fromFile =
        configFile.map(ConfigurationKeys::loadProperties).orElseGet(Properties::new);
    Map<String, String> keys = new LinkedHashMap<>();
    Optional<ConfigurationParameters> launcher = launcherParameters(context);
    if (launcher.isPresent()) {
      // the launcher's key set holds the system properties and the file too, when it reads them
      launcher.get().keySet().stream()
          .filter(key -> key.startsWith(PREFIX))
          .sorted()
          .forEach(key -> keys.put(key, where(key, fromFile, configFile)));
      return keys;
    }
    System.getProperties().stringPropertyNames().stream()
        .filter(key -> key.startsWith(PREFIX))
        .forEach(key -> keys.put(key, where(key, fromFile, configFile)));
    fromFile.stringPropertyNames().stream()
        .filter(key -> key.startsWith(PREFIX))
        .forEach(key -> keys.putIfAbsent(key, where(key, fromFile, configFile)));
    return keys;
  }

  /** Where JUnit takes {@code key} from: explicit parameters first, then -D, then the file. */
  private static String where(String key, Properties fromFile, Optional<URL> configFile) {
    if (System.getProperty(key) != null) {
      return "a system property (-D" + key + ")";
    }
    if (fromFile.containsKey(key)) {
      return "a key in " + configFile.orElseThrow();
    }
    return "a configuration parameter";
  }

  /**
   * The launcher's parameters with their full key set. Jupiter's {@code ExtensionContext} offers
   * lookup by key only, so they are reached through its implementation; where that is not possible
   * (another Jupiter version, the module path without {@code opens}) this is empty and only system
   * properties and {@code junit-platform.properties} are checked.
   */
  private static Optional<ConfigurationParameters> launcherParameters(ExtensionContext context) {
    try {
      return find(context, 0);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return Optional.empty();
    }
  }

  private static Optional<ConfigurationParameters> find(Object object, int depth)
      throws IllegalAccessException {
    if (object instanceof ConfigurationParameters parameters) {
      return Optional.of(parameters);
    }
    if (object == null || depth > 3) {
      return Optional.empty();
    }
    for (Class<?> type = object.getClass(); type != null; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        // only the configuration chain: context -> Jupiter's configuration -> the parameters
        if (!field.getType().getName().contains("Configuration")
            || Modifier.isStatic(field.getModifiers())) {
          continue;
        }
        field.setAccessible(true);
        Optional<ConfigurationParameters> found = find(field.get(object), depth + 1);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  /** The file JUnit reads: the first {@value #CONFIG_FILE} on the class path. */
  private static Optional<URL> configFile() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = ConfigurationKeys.class.getClassLoader();
    }
    return Optional.ofNullable(loader.getResource(CONFIG_FILE));
  }

  private static Properties loadProperties(URL file) {
    Properties properties = new Properties();
    try (InputStream in = file.openStream()) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e, e);
    }
    return properties;
  }
}
