module example.com/petsdk

go 1.26.0

require (
	github.com/dave/jennifer v1.7.1 // indirect
	github.com/getkin/kin-openapi v0.153.0 // indirect
	github.com/go-openapi/jsonpointer v0.22.5 // indirect
	github.com/go-openapi/swag/jsonname v0.25.5 // indirect
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.3 // indirect
	github.com/sdkgen/sdkgen v0.0.0 // indirect
	github.com/theory/jsonpath v0.12.3 // indirect
	go.yaml.in/yaml/v4 v4.0.0 // indirect
	golang.org/x/text v0.14.0 // indirect
)

tool github.com/sdkgen/sdkgen/cmd/gen

// The example lives in the generator's repository; a real SDK repository
// requires a released version instead.
replace github.com/sdkgen/sdkgen => ../..
