package gen_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/sdkgen/sdkgen/internal/gen"
)

// TestMistralStreamsChat generates the Mistral SDK from the shared corpus,
// with the sentinel Mistral ends its streams with, and runs a test of its
// typed chat completion stream against a server replaying a Mistral SSE
// transcript (testdata/mistralstream).
func TestMistralStreamsChat(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the Mistral SDK")
	}
	spec := filepath.Join(moduleRoot, "..", "shared", "corpus", "mistral.yaml")
	if _, err := os.Stat(spec); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the shared corpus is missing: %v", err)
		}
		t.Skipf("no shared corpus: %v", err)
	}
	dir := t.TempDir()
	res, err := gen.New().Run(context.Background(), gen.SDK{
		Spec: spec, Out: dir, Package: "mistral",
		Streams: &gen.StreamsConfig{Sentinel: "[DONE]"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := gen.Write(dir, res.Files); err != nil {
		t.Fatal(err)
	}
	test, err := os.ReadFile(filepath.Join("testdata", "mistralstream", "stream_test.go.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "stream_test.go"), test, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/mistral\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "test", "-race", "-run", "TestChatCompletionStream|TestConversationEventsStream", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the Mistral SDK's stream test failed:\n%s", out)
	}
}
