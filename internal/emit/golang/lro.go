package golang

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/sdkgen/sdkgen/internal/goview"
)

// emitAwait writes the method that calls a long-running operation's method
// with the runtime's awaitOption, which makes the call wait for the
// operation to end:
//
//	func (s *S) CreateAndWait(ctx context.Context, name string, body B, opts ...CallOption) (*R, error) {
//		return s.Create(ctx, name, body, withAwait(opts, "")...)
//	}
func emitAwait(f *jen.File, m *goview.Method) {
	lr := m.Op.LongRunning
	var params, args []jen.Code
	for _, a := range m.Args() {
		if a == m.Opts {
			params = append(params, id(a.Name).Op("...").Add(a.Type.Code()))
			args = append(args, jen.Id("withAwait").Call(id(a.Name), jen.Lit(lr.FinalVia), jen.Lit(m.Result != nil)).Op("..."))
		} else {
			params = append(params, id(a.Name).Add(a.Type.Code()))
			args = append(args, id(a.Name))
		}
	}
	results := []jen.Code{jen.Error()}
	if m.Result != nil {
		results = []jen.Code{m.Result.Code(), jen.Error()}
	}
	var result string
	switch {
	case m.Result == nil:
		result = "once it has"
	case m.Op.Method == "PUT" || m.Op.Method == "PATCH" || lr.FinalVia == "original-uri":
		result = "the resource as it is then"
	case lr.FinalVia == "azure-async-operation" || lr.FinalVia == "operation-location":
		result = "its last status"
	default:
		result = "what its Location answers then"
	}
	addDoc(f, fmt.Sprintf("%s calls %s and waits for the long-running operation it starts to end, and returns %s. "+
		"It follows the operation's status (Azure-AsyncOperation or Operation-Location, else Location, else the resource's provisioningState) with a GET, "+
		"after the Retry-After each response asks for (10 s without), each with opts; ctx bounds the whole wait. "+
		"An operation that ends Failed or Canceled returns an *OperationError.", lr.GoName, m.Op.GoName, result))
	f.Func().Params(id(m.Group.Recv).Op("*").Id(m.Group.Type)).Id(lr.GoName).Params(params...).Params(results...).Block(
		jen.Return(id(m.Group.Recv).Dot(m.Op.GoName).Call(args...)),
	)
}
