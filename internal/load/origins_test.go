package load

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/sdkgen/sdkgen/internal/diag"
)

// originTypes are the objects lowering reads positions from.
var originTypes = map[reflect.Type]bool{
	reflect.TypeFor[openapi3.T]():              true,
	reflect.TypeFor[openapi3.Operation]():      true,
	reflect.TypeFor[openapi3.Parameter]():      true,
	reflect.TypeFor[openapi3.RequestBody]():    true,
	reflect.TypeFor[openapi3.Response]():       true,
	reflect.TypeFor[openapi3.Schema]():         true,
	reflect.TypeFor[openapi3.SecurityScheme](): true,
}

// TestOriginsMatch loads self-contained specs both ways, with kin-openapi's
// own origins and with attachOrigins (JSON: decoded from the loader's own
// parse), and requires the same values everywhere and the same Key and
// Fields on every object lowering reads.
func TestOriginsMatch(t *testing.T) {
	specs := globSpecs(t,
		"../../spec/*.yaml",
		"../gen/testdata/*/spec.yaml",
		"../gen/testdata/cases/*/spec.yaml",
		"testdata/origins/*.yaml",
		"testdata/origins/*.json",
		"../../../shared/corpus/*.yaml",
		"../../../shared/corpus/*.json",
		// @readme/oas-examples, when installed (CI installs them).
		"../../tools/oas-examples/node_modules/@readme/oas-examples/3.*/yaml/*.yaml",
		"../../tools/oas-examples/node_modules/@readme/oas-examples/3.*/json/*.json",
	)
	if len(specs) < 10 {
		t.Fatalf("only %d specs found", len(specs))
	}
	compared := 0
	for _, path := range specs {
		want, got, mapPos, ok := loadBothWays(t, path)
		if !ok {
			continue
		}
		for _, d := range compareOrigins(want, got, mapPos) {
			t.Errorf("%s: %s", path, d)
		}
		compared++
	}
	t.Logf("%d specs compared", compared)
	if compared < 10 {
		t.Errorf("only %d specs compared", compared)
	}
}

// loadBothWays loads a self-contained spec with kin-openapi's origins, as
// the loader would without attachOrigins, and with attachOrigins. mapPos
// maps the first's positions to the source (a JSON spec is loaded from the
// block YAML the bundler writes). ok is false for specs that do not load or
// take another path.
func loadBothWays(t *testing.T, path string) (want, got *openapi3.T, mapPos func(diag.Pos) diag.Pos, ok bool) {
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	b := newBundler()
	b.display[abs] = path
	root, err := b.load(abs)
	if err != nil || (needsBundle(root, true) && !b.json[abs]) {
		return nil, nil, nil, false
	}
	if head, err := checkHead(root, path); err != nil || head.field == "swagger" {
		return nil, nil, nil, false // converted, not loaded
	}
	withOrigins, withoutOrigins := openapi3.NewLoader(), openapi3.NewLoader()
	withOrigins.IncludeOrigin = true
	mapPos = fromOriginFile
	if b.json[abs] {
		var bundled []byte
		if bundled, err = b.document(abs, true); err != nil {
			return nil, nil, nil, false // a broken reference: Load reports it
		}
		location := &url.URL{Path: filepath.ToSlash(abs)}
		if want, err = withOrigins.LoadFromDataWithPath(bundled, location); err != nil {
			return nil, nil, nil, false
		}
		tree := root
		if needsBundle(root, true) {
			if tree, err = b.tree(abs, true); err != nil {
				t.Fatal(err)
			}
		}
		if err := b.checkRefs(abs); err != nil || len(b.docs) > 1 {
			return nil, nil, nil, false // in several files: bundled as before
		}
		if got, err = decodeTree(context.Background(), tree); err != nil {
			t.Fatalf("%s: kin-openapi loads the block YAML but not the tree: %v", path, err)
		}
		root = tree
		mapPos = func(p diag.Pos) diag.Pos { return b.mapPos(fromOriginFile(p)) }
	} else {
		if want, err = withOrigins.LoadFromFile(path); err != nil {
			return nil, nil, nil, false // not a loadable spec: the error cases of testdata
		}
		if rerr := b.checkRefs(abs); rerr == nil && len(b.docs) == 1 && ready(root) {
			// As Load does: kin-openapi decodes the loader's parse.
			if got, err = decodeTree(context.Background(), root); err != nil {
				t.Fatalf("%s: kin-openapi loads the file but not the tree: %v", path, err)
			}
		} else {
			got, err = withoutOrigins.LoadFromFile(path)
		}
	}
	if err != nil {
		t.Fatalf("%s: loads with origins but not without: %v", path, err)
	}
	if !attachOrigins(got, root, path) {
		t.Logf("%s: uses anchors; loaded with kin-openapi's origins", path)
		return nil, nil, nil, false
	}
	return want, got, mapPos, true
}

type originComparer struct {
	seen   map[[2]uintptr]bool
	mapPos func(diag.Pos) diag.Pos // applied to the first side's positions
	diffs  []string
}

func (c *originComparer) walk(a, b reflect.Value, at string) {
	if len(c.diffs) >= 20 {
		return
	}
	if a.Type() != b.Type() {
		c.diffs = append(c.diffs, fmt.Sprintf("%s: %s on one side, %s on the other", at, a.Type(), b.Type()))
		return
	}
	switch a.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.String:
		// The values must match too: the JSON path decodes from another
		// tree than kin-openapi's own parse.
		if a.CanInterface() && a.Interface() != b.Interface() {
			c.diffs = append(c.diffs, fmt.Sprintf("%s: %#v on one side, %#v on the other", at, a.Interface(), b.Interface()))
		}
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				c.diffs = append(c.diffs, at+": present on one side only")
			}
			return
		}
		if a.Kind() == reflect.Pointer {
			key := [2]uintptr{a.Pointer(), b.Pointer()}
			if c.seen[key] {
				return
			}
			c.seen[key] = true
		}
		c.walk(a.Elem(), b.Elem(), at)
	case reflect.Struct:
		if originTypes[a.Type()] {
			c.origin(a.FieldByName("Origin"), b.FieldByName("Origin"), at+" ("+a.Type().Name()+")")
		}
		for i := range a.NumField() {
			// Unexported fields are out of lowering's reach, except the maps
			// behind Paths and Responses.
			if f := a.Type().Field(i); f.Name != "Origin" && (f.IsExported() || f.Name == "m") {
				c.walk(a.Field(i), b.Field(i), at+"/"+f.Name)
			}
		}
	case reflect.Map:
		keys := a.MapKeys()
		slices.SortFunc(keys, func(x, y reflect.Value) int {
			return strings.Compare(fmt.Sprint(x), fmt.Sprint(y))
		})
		if a.Len() != b.Len() {
			c.diffs = append(c.diffs, fmt.Sprintf("%s: %d entries on one side, %d on the other", at, a.Len(), b.Len()))
		}
		for _, k := range keys {
			if bv := b.MapIndex(k); bv.IsValid() {
				c.walk(a.MapIndex(k), bv, fmt.Sprintf("%s/%v", at, k))
			}
		}
	case reflect.Slice:
		if a.Len() != b.Len() {
			c.diffs = append(c.diffs, fmt.Sprintf("%s: %d elements on one side, %d on the other", at, a.Len(), b.Len()))
		}
		for i := range min(a.Len(), b.Len()) {
			c.walk(a.Index(i), b.Index(i), fmt.Sprintf("%s/%d", at, i))
		}
	}
}

// origin compares what lowering reads of two origins: the key's and each
// field's position.
func (c *originComparer) origin(a, b reflect.Value, at string) {
	str := func(v reflect.Value, mapPos func(diag.Pos) diag.Pos) string {
		if v.IsNil() {
			return "no origin"
		}
		loc := func(l reflect.Value) string {
			p := mapPos(diag.Pos{File: l.FieldByName("File").String(), Line: int(l.FieldByName("Line").Int()), Col: int(l.FieldByName("Column").Int())})
			return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
		}
		o := v.Elem()
		s := "key "
		if k := o.FieldByName("Key"); k.IsNil() {
			s += "none"
		} else {
			s += loc(k.Elem())
		}
		f := o.FieldByName("Fields")
		s += fmt.Sprintf(", %d fields:", f.Len())
		for i := range f.Len() {
			s += " " + f.Index(i).FieldByName("Name").String() + "@" + loc(f.Index(i))
		}
		return s
	}
	identity := func(p diag.Pos) diag.Pos { return p }
	if sa, sb := str(a, c.mapPos), str(b, identity); sa != sb {
		c.diffs = append(c.diffs, fmt.Sprintf("%s: kin-openapi %s; attachOrigins %s", at, sa, sb))
	}
}

// compareOrigins lists the differences between kin-openapi's load (want,
// its positions mapped by mapPos) and the loader's (got).
func compareOrigins(want, got *openapi3.T, mapPos func(diag.Pos) diag.Pos) []string {
	c := &originComparer{seen: map[[2]uintptr]bool{}, mapPos: mapPos}
	c.walk(reflect.ValueOf(want), reflect.ValueOf(got), "#")
	return c.diffs
}

// TestOriginsWithAnchors: a spec with YAML anchors loads with kin-openapi's
// own origins, since attachOrigins does not follow aliases.
func TestOriginsWithAnchors(t *testing.T) {
	res, err := Load(context.Background(), "testdata/origins/anchors.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/a", "/b"} {
		s := res.Doc.Paths.Value(p).Get.Responses.Value("200").Value.Content["application/json"].Schema.Value
		if s.Origin == nil || s.Origin.Key == nil || s.Origin.Key.Line == 0 {
			t.Errorf("%s: schema has no position", p)
		}
	}
}

// FuzzOrigins loads arbitrary documents both ways, as TestOriginsMatch does
// for real specs: whenever kin-openapi loads one with its own origins,
// attachOrigins must give the same positions.
func FuzzOrigins(f *testing.F) {
	for _, p := range globSpecs(f, "testdata/origins/*.yaml", "testdata/origins/*.json", "../../spec/signintokens.yaml", "../gen/testdata/decode/spec.yaml") {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		path := filepath.Join(t.TempDir(), "spec.yaml")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		want, got, mapPos, ok := loadBothWays(t, path)
		if !ok {
			return
		}
		for _, d := range compareOrigins(want, got, mapPos) {
			t.Error(d)
		}
	})
}

// TestOriginFilesArePaths: whichever way a spec loads (our positions,
// kin-openapi's for anchors, bundled for JSON), a position names the spec's
// path as given, not the URL kin-openapi makes of it ("a%20b").
func TestOriginFilesArePaths(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a b#c%41")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"features.yaml", "anchors.yaml", "values.json"} {
		data, err := os.ReadFile(filepath.Join("testdata/origins", name))
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := Load(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		key := res.Doc.Origin.Key
		p := diag.Pos{File: key.File, Line: key.Line, Col: key.Column}
		if res.MapPos != nil {
			p = res.MapPos(p)
		}
		if p.File != path || p.Line == 0 {
			t.Errorf("%s: the document's position is %s:%d, want a line of %s", name, p.File, p.Line, path)
		}
	}
}

// TestJSONAcrossFiles: a JSON spec referring to another file loads through
// the bundler (kin-openapi decodes the loader's own parse only for a spec in
// one file), with positions in the file each object comes from.
func TestJSONAcrossFiles(t *testing.T) {
	res, err := Load(context.Background(), "testdata/split/spec.json")
	if err != nil {
		t.Fatal(err)
	}
	s := res.Doc.Paths.Value("/x").Get.Responses.Value("200").Value.Content["application/json"].Schema.Value
	if s == nil || s.Properties["id"] == nil {
		t.Fatalf("the schema of other.json was not resolved: %+v", s)
	}
	key := s.Properties["id"].Value.Origin.Key
	p := res.MapPos(diag.Pos{File: key.File, Line: key.Line, Col: key.Column})
	if filepath.Base(p.File) != "other.json" || p.Line != 1 {
		t.Errorf("the property's position is %s:%d, want other.json:1", p.File, p.Line)
	}
}
