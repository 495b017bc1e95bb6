package dev.junitsandbox.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class ReadmeSnippetsTests {

  @Test
  void aMarkedBlockIsItsTextWithoutFencesOrTheListIndentation() {
    // GIVEN a marked block inside a list item, and an unmarked one
    String markdown =
        """
        Text.

        ```xml
        <unmarked/>
        ```

        - Add this:

          <!-- readme-test: dependencies -->
          ```xml
          <dependency>
            <artifactId>a</artifactId>
          </dependency>
          ```
        """;

    // WHEN the blocks are read
    ReadmeSnippets snippets = ReadmeSnippets.parse("README.md", markdown);

    // THEN the marked one is found, as a user would copy it
    assertThat(snippets.block("dependencies"))
        .isEqualTo("<dependency>\n  <artifactId>a</artifactId>\n</dependency>\n");
  }

  @Test
  void aMissingBlockNamesTheMarkerToAdd() {
    // GIVEN a README whose only marked block has another name
    ReadmeSnippets snippets =
        ReadmeSnippets.parse("README.md", "<!-- readme-test: other -->\n```\nx\n```\n");

    // WHEN/THEN asking for an unmarked name fails with the marker that fixes it
    assertThatIllegalArgumentException()
        .isThrownBy(() -> snippets.block("first-test"))
        .withMessageContaining(
            "README.md has no code block marked <!-- readme-test: first-test -->")
        .withMessageContaining("(it has [other])");
  }

  @Test
  void aMarkerThatIsNotFollowedByABlockFailsWithItsLine() {
    // GIVEN a marker followed by prose
    String markdown = "# Title\n<!-- readme-test: first-test -->\nSome text.\n";

    // WHEN/THEN reading fails and says where and how to fix it
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ReadmeSnippets.parse("README.md", markdown))
        .withMessageContaining("README.md line 2")
        .withMessageContaining("but the next line is 'Some text.'");
  }

  @Test
  void twoBlocksWithOneNameFail() {
    // GIVEN the same marker twice
    String block = "<!-- readme-test: first-test -->\n```java\nclass A {}\n```\n";

    // WHEN/THEN reading fails: which of the two the test would build is not clear
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ReadmeSnippets.parse("README.md", block + "\n" + block))
        .withMessageContaining(
            "README.md line 6: a second block is marked readme-test: first-test");
  }

  @Test
  void anUnclosedBlockFails() {
    // GIVEN a block whose closing fence is missing
    String markdown = "<!-- readme-test: first-test -->\n```java\nclass A {}\n";

    // WHEN/THEN reading fails
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ReadmeSnippets.parse("README.md", markdown))
        .withMessageContaining("the block marked readme-test: first-test is never closed");
  }
}
