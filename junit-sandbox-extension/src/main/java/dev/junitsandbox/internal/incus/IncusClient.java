package dev.junitsandbox.internal.incus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitsandbox.SandboxSettings;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A small typed client of the Incus REST API ({@code /1.0}) on its local unix socket, for what
 * junit-sandbox needs: the server's version, instances (create, start, stop, delete, state, exec
 * with recorded output, files, console log), the probe image, the bridge and the profile.
 *
 * <p>Why our own: no maintained Java client of Incus is on Maven Central, and the API is plain HTTP
 * and JSON. Every call is bounded: a request by {@link #limit()} (or the operation's own limit), an
 * operation by the limit its caller gives. Commands run without websockets: an exec with {@code
 * "record-output": true} is an operation to wait for, whose metadata then names the files holding
 * its standard output and standard error.
 */
public final class IncusClient {

  /** Where Incus listens unless configured otherwise. */
  public static final Path DEFAULT_SOCKET = Path.of(SandboxSettings.DEFAULT_INCUS_SOCKET);

  /** How long one request may take unless the caller says otherwise. */
  public static final Duration DEFAULT_LIMIT = Duration.ofSeconds(60);

  // operations are waited for in slices, so a long wait never holds one request open for long
  private static final long WAIT_SLICE_SECONDS = 30;

  static final ObjectMapper JSON = new ObjectMapper();

  private final Path socket;
  private final Duration limit;

  /**
   * @param socket the Incus daemon's unix socket, e.g. {@link #DEFAULT_SOCKET}
   * @param limit how long one request may take
   */
  public IncusClient(Path socket, Duration limit) {
    this.socket = Objects.requireNonNull(socket, "socket");
    this.limit = Objects.requireNonNull(limit, "limit");
  }

  /** The socket it talks to. */
  public Path socket() {
    return socket;
  }

  /** How long one request may take. */
  public Duration limit() {
    return limit;
  }

  /**
   * What the server says of itself ({@code GET /1.0}).
   *
   * @param version the server's version, e.g. {@code "6.0.4"}
   * @param driver its instance drivers, e.g. {@code "lxc | qemu"}
   * @param driverVersion their versions, e.g. {@code "5.0.2 | 7.2.0"}
   * @param kernel the host's kernel version
   */
  public record Server(String version, String driver, String driverVersion, String kernel) {}

  /** {@code GET /1.0}. */
  public Server server() {
    JsonNode environment = call("GET", "/1.0", null, limit).path("metadata").path("environment");
    return new Server(
        environment.path("server_version").asText("unknown"),
        environment.path("driver").asText("unknown"),
        environment.path("driver_version").asText("unknown"),
        environment.path("kernel_version").asText("unknown"));
  }

  /**
   * A background operation as Incus reports it.
   *
   * @param id its id
   * @param statusCode 103 while running, 200 on success, 400 on failure, 401 when cancelled
   * @param status the status in words
   * @param error why it failed, or empty
   * @param metadata what it reports (an exec: {@code return}, {@code output})
   */
  public record Operation(
      String id, int statusCode, String status, String error, JsonNode metadata) {

    /** Whether it has ended (successfully or not). */
    public boolean isFinal() {
      return statusCode >= 200;
    }

    /** Whether it has ended successfully. */
    public boolean succeeded() {
      return statusCode == 200;
    }

    static Operation of(JsonNode operation) {
      return new Operation(
          operation.path("id").asText(""),
          operation.path("status_code").asInt(0),
          operation.path("status").asText(""),
          operation.path("err").asText(""),
          operation.path("metadata"));
    }
  }

  /**
   * An instance as listed.
   *
   * @param name its name
   * @param status e.g. {@code "Running"}, {@code "Stopped"}
   * @param config its own configuration keys (the {@code user.*} keys junit-sandbox sets)
   * @param devices its expanded devices (profiles applied), by device name
   */
  public record Instance(
      String name,
      String status,
      Map<String, String> config,
      Map<String, Map<String, String>> devices) {
    public Instance {
      config = Map.copyOf(config);
      devices = Map.copyOf(devices);
    }
  }

  /** Every instance of the default project, with configuration ({@code GET /1.0/instances}). */
  public List<Instance> instances() {
    List<Instance> instances = new ArrayList<>();
    for (JsonNode instance :
        call("GET", "/1.0/instances?recursion=1", null, limit).path("metadata")) {
      Map<String, Map<String, String>> devices = new LinkedHashMap<>();
      instance
          .path("expanded_devices")
          .fields()
          .forEachRemaining(device -> devices.put(device.getKey(), strings(device.getValue())));
      instances.add(
          new Instance(
              instance.path("name").asText(),
              instance.path("status").asText(""),
              strings(instance.path("config")),
              devices));
    }
    return instances;
  }

  /**
   * A running instance's state.
   *
   * @param status e.g. {@code "Running"}
   * @param pid its init process in the host's PID namespace, 0 when it is not running
   * @param ipv4 the IPv4 addresses of each of its network interfaces
   */
  public record InstanceState(String status, long pid, Map<String, List<String>> ipv4) {
    public InstanceState {
      ipv4 = Map.copyOf(ipv4);
    }
  }

  /** {@code GET /1.0/instances/<name>/state}. */
  public InstanceState state(String name) {
    JsonNode state = call("GET", instancePath(name) + "/state", null, limit).path("metadata");
    Map<String, List<String>> ipv4 = new LinkedHashMap<>();
    state
        .path("network")
        .fields()
        .forEachRemaining(
            network -> {
              List<String> addresses = new ArrayList<>();
              for (JsonNode address : network.getValue().path("addresses")) {
                if (address.path("family").asText().equals("inet")) {
                  addresses.add(address.path("address").asText());
                }
              }
              ipv4.put(network.getKey(), List.copyOf(addresses));
            });
    return new InstanceState(state.path("status").asText(""), state.path("pid").asLong(0), ipv4);
  }

  /**
   * An image.
   *
   * @param fingerprint its fingerprint
   * @param properties its properties (setup stores which probe image it was made from)
   */
  public record Image(String fingerprint, Map<String, String> properties) {
    public Image {
      properties = Map.copyOf(properties);
    }
  }

  /**
   * The image an alias points to.
   *
   * @throws IncusException with {@link IncusException#notFound()} if there is no such alias
   */
  public Image imageByAlias(String alias) {
    String fingerprint =
        call("GET", "/1.0/images/aliases/" + encode(alias), null, limit)
            .path("metadata")
            .path("target")
            .asText();
    JsonNode image = call("GET", "/1.0/images/" + encode(fingerprint), null, limit);
    return new Image(fingerprint, strings(image.path("metadata").path("properties")));
  }

  /**
   * A network's configuration, e.g. {@code ipv4.address = 10.213.47.1/24}.
   *
   * @throws IncusException with {@link IncusException#notFound()} if there is no such network
   */
  public Map<String, String> networkConfig(String network) {
    return strings(
        call("GET", "/1.0/networks/" + encode(network), null, limit)
            .path("metadata")
            .path("config"));
  }

  /**
   * Whether a profile of that name exists.
   *
   * @throws IncusException if Incus cannot be asked
   */
  public boolean profileExists(String profile) {
    try {
      call("GET", "/1.0/profiles/" + encode(profile), null, limit);
      return true;
    } catch (IncusException e) {
      if (e.notFound()) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Creates an instance ({@code POST /1.0/instances}) and waits for it, at most {@code within}.
   *
   * @param instance the request body: name, source, profiles, config, devices
   * @throws IncusException if it fails (409 when a name or address is taken) or does not finish
   */
  public void create(ObjectNode instance, Duration within) {
    run(
        "POST",
        "/1.0/instances",
        instance,
        within,
        "creation of " + instance.path("name").asText());
  }

  /** Starts an instance and waits until it runs, at most {@code within}. */
  public void start(String name, Duration within) {
    ObjectNode body = JSON.createObjectNode().put("action", "start");
    run("PUT", instancePath(name) + "/state", body, within, "start of " + name);
  }

  /** Stops an instance at once (its processes are killed), waiting at most {@code within}. */
  public void kill(String name, Duration within) {
    ObjectNode body = JSON.createObjectNode().put("action", "stop").put("force", true);
    run("PUT", instancePath(name) + "/state", body, within, "forced stop of " + name);
  }

  /** Deletes a stopped instance, waiting at most {@code within}. */
  public void delete(String name, Duration within) {
    run("DELETE", instancePath(name), null, within, "deletion of " + name);
  }

  /**
   * Starts {@code command} in the instance without websockets and returns the operation's id at
   * once; with {@code recordOutput} the finished operation's metadata names the files holding its
   * output ({@link #output}).
   */
  public String exec(
      String name, List<String> command, Map<String, String> environment, boolean recordOutput) {
    ObjectNode body = JSON.createObjectNode();
    command.forEach(body.putArray("command")::add);
    ObjectNode env = body.putObject("environment");
    environment.forEach(env::put);
    body.put("wait-for-websocket", false);
    body.put("record-output", recordOutput);
    body.put("interactive", false);
    return call("POST", instancePath(name) + "/exec", body, limit)
        .path("metadata")
        .path("id")
        .asText();
  }

  /**
   * Waits for an operation until it ends or {@code within} has passed, and returns its state then
   * (which is not final if it is still running).
   */
  public Operation await(String id, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      long remaining = deadline - System.nanoTime();
      long seconds =
          Math.max(0, Math.min(WAIT_SLICE_SECONDS, (remaining + 999_999_999L) / 1_000_000_000L));
      Operation operation;
      try {
        operation =
            Operation.of(
                call(
                        "GET",
                        "/1.0/operations/" + encode(id) + "/wait?timeout=" + seconds,
                        null,
                        limit.plusSeconds(seconds))
                    .path("metadata"));
      } catch (IncusException e) {
        if (e.status() == 0 || e.notFound()) {
          throw e;
        }
        // some versions answer a wait whose timeout passed with an error: ask for the state
        operation =
            Operation.of(
                call("GET", "/1.0/operations/" + encode(id), null, limit).path("metadata"));
      }
      if (operation.isFinal() || System.nanoTime() - deadline >= 0) {
        return operation;
      }
    }
  }

  /**
   * What an exec recorded on file descriptor {@code fd} (1 standard output, 2 standard error), from
   * the finished operation's metadata; the file is removed after reading.
   */
  public String output(Operation exec, int fd) {
    String path = exec.metadata().path("output").path(Integer.toString(fd)).asText("");
    if (path.isEmpty()) {
      return "";
    }
    String text = new String(download(path), StandardCharsets.UTF_8);
    try {
      call("DELETE", path, null, limit);
    } catch (IncusException e) {
      // the file goes with the instance anyway
    }
    return text;
  }

  /** An operation's state now ({@code GET /1.0/operations/<id>}). */
  public Operation operation(String id) {
    return Operation.of(call("GET", "/1.0/operations/" + encode(id), null, limit).path("metadata"));
  }

  /**
   * What a running (or ended) exec started with recorded output has written on file descriptor
   * {@code fd} (1 or 2) so far: Incus writes it to a file named after the operation, which it
   * serves while the command runs.
   */
  public String execOutputSoFar(String name, String exec, int fd) {
    String path =
        instancePath(name)
            + "/logs/exec-output/exec_"
            + encode(exec)
            + (fd == 1 ? ".stdout" : ".stderr");
    return new String(download(path), StandardCharsets.UTF_8);
  }

  /** The instance's console log so far ({@code GET /1.0/instances/<name>/console}). */
  public String console(String name) {
    return new String(download(instancePath(name) + "/console"), StandardCharsets.UTF_8);
  }

  /**
   * Writes {@code content} to {@code path} in the instance (as root, mode 0644), replacing the
   * file.
   */
  public void push(String name, String path, byte[] content) {
    String target = instancePath(name) + "/files?path=" + encode(path);
    UnixHttp.Response response =
        send(
            "POST",
            target,
            content,
            "application/octet-stream",
            limit,
            "X-Incus-uid: 0",
            "X-Incus-gid: 0",
            "X-Incus-mode: 0644",
            "X-Incus-type: file",
            "X-Incus-write: overwrite");
    envelope("POST", target, response);
  }

  /** Whether {@code path} exists in the instance ({@code GET /1.0/instances/<name>/files}). */
  public boolean exists(String name, String path) {
    String target = instancePath(name) + "/files?path=" + encode(path);
    UnixHttp.Response response = send("GET", target, null, null, limit);
    if (response.status() == 404) {
      return false;
    }
    if (response.status() / 100 != 2) {
      envelope("GET", target, response); // throws with Incus's reason
    }
    return true;
  }

  private byte[] download(String path) {
    UnixHttp.Response response = send("GET", path, null, null, limit);
    if (response.status() / 100 != 2) {
      envelope("GET", path, response); // throws with Incus's reason
    }
    return response.body();
  }

  /**
   * Runs a request that starts an operation and waits for it; throws if it fails or does not finish
   * within {@code within}.
   */
  private Operation run(String method, String path, JsonNode body, Duration within, String what) {
    JsonNode answer = call(method, path, body, limit);
    String id = answer.path("metadata").path("id").asText("");
    if (id.isEmpty()) {
      return Operation.of(answer.path("metadata")); // answered synchronously
    }
    Operation operation = await(id, within);
    if (!operation.isFinal()) {
      throw new IncusException(
          0,
          String.format(
              "The %s did not finish within %s s (Incus at %s, operation %s still %s)",
              what, within.toSeconds(), socket, id, operation.status()),
          null);
    }
    if (!operation.succeeded()) {
      throw new IncusException(
          400,
          String.format(
              "The %s failed: %s (Incus at %s, operation %s)",
              what,
              operation.error().isEmpty() ? operation.status() : operation.error(),
              socket,
              id),
          null);
    }
    return operation;
  }

  /** One request whose answer is Incus's JSON envelope; an error answer throws. */
  private JsonNode call(String method, String path, JsonNode body, Duration within) {
    byte[] bytes;
    try {
      bytes = body == null ? null : JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a request body", e);
    }
    return envelope(method, path, send(method, path, bytes, "application/json", within));
  }

  private UnixHttp.Response send(
      String method,
      String path,
      byte[] body,
      String contentType,
      Duration within,
      String... headers) {
    try {
      return UnixHttp.exchange(socket, method, path, body, contentType, within, headers);
    } catch (IOException e) {
      throw new IncusException(0, "Cannot reach Incus at " + socket + ": " + e.getMessage(), e);
    }
  }

  private JsonNode envelope(String method, String path, UnixHttp.Response response) {
    JsonNode answer;
    try {
      answer = JSON.readTree(response.body());
    } catch (IOException e) {
      answer = null;
    }
    if (answer == null || !answer.isObject()) {
      if (response.status() / 100 == 2) {
        throw new IncusException(
            response.status(),
            String.format(
                "Incus at %s answered %s %s with something that is not JSON: %s",
                socket, method, path, abbreviate(response.text())),
            null);
      }
      throw new IncusException(
          response.status(),
          String.format(
              "Incus at %s answered %s %s with HTTP %d: %s",
              socket, method, path, response.status(), abbreviate(response.text())),
          null);
    }
    if (answer.path("type").asText().equals("error") || response.status() >= 400) {
      int code = answer.path("error_code").asInt(response.status());
      throw new IncusException(
          code,
          String.format(
              "Incus at %s answered %s %s with %d: %s",
              socket, method, path, code, answer.path("error").asText(response.text())),
          null);
    }
    return answer;
  }

  private static String abbreviate(String text) {
    String line = text.strip();
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> values = new LinkedHashMap<>();
    object
        .fields()
        .forEachRemaining(field -> values.put(field.getKey(), field.getValue().asText()));
    return values;
  }

  private static String instancePath(String name) {
    return "/1.0/instances/" + encode(name);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
