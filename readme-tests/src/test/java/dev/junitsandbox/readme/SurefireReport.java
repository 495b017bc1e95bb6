package dev.junitsandbox.readme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** The test cases of one Surefire XML report ({@code TEST-<class>.xml}), as Surefire wrote them. */
record SurefireReport(Path file, List<TestCase> testCases) {

  SurefireReport {
    testCases = List.copyOf(testCases);
  }

  /** How a test case ended, from the element Surefire wrote inside {@code <testcase>}. */
  enum Outcome {
    PASSED,
    FAILED,
    ERROR,
    SKIPPED
  }

  /**
   * One {@code <testcase>}: its name, how it ended and the message of its failure, error or skip
   * ({@code ""} when it passed or has none).
   */
  record TestCase(String name, Outcome outcome, String message) {

    /** A display name's runtime: the last bracketed word, as in {@code getpid() [runc]}. */
    private static final Pattern RUNTIME = Pattern.compile("\\[([a-z0-9.-]+)]$");

    /**
     * The runtime of a test template's invocation, from the display name the README's Surefire
     * configuration reports ({@code getpid(Sandbox) getpid() [runc]}), or {@code ""} when the name
     * has none (Surefire's default names only number the invocations: {@code getpid(Sandbox)[2]}).
     */
    String runtime() {
      Matcher runtime = RUNTIME.matcher(name);
      return runtime.find() ? runtime.group(1) : "";
    }

    @Override
    public String toString() {
      return name + ": " + outcome + (message.isEmpty() ? "" : " (" + message + ")");
    }
  }

  /** Reads a report Surefire wrote. */
  static SurefireReport read(Path file) throws IOException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Element suite = factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
      NodeList elements = suite.getElementsByTagName("testcase");
      List<TestCase> testCases = new ArrayList<>();
      for (int i = 0; i < elements.getLength(); i++) {
        testCases.add(testCase((Element) elements.item(i)));
      }
      return new SurefireReport(file, testCases);
    } catch (ParserConfigurationException | SAXException e) {
      throw new IOException("Not a Surefire XML report: " + file + ": " + e.getMessage(), e);
    }
  }

  private static TestCase testCase(Element element) {
    String name = element.getAttribute("name");
    for (Outcome outcome : List.of(Outcome.FAILED, Outcome.ERROR, Outcome.SKIPPED)) {
      NodeList children =
          element.getElementsByTagName(
              switch (outcome) {
                case FAILED -> "failure";
                case ERROR -> "error";
                default -> "skipped";
              });
      if (children.getLength() > 0) {
        return new TestCase(name, outcome, ((Element) children.item(0)).getAttribute("message"));
      }
    }
    return new TestCase(name, Outcome.PASSED, "");
  }

  /** Reads the report file's text, for failure messages. */
  String text() {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }
}
