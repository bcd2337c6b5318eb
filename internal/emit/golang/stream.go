package golang

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/sdkgen/sdkgen/internal/goview"
)

// streamStatements set what a stream method, or the JSON twin of one,
// decides for itself: the body's flag, and that the response is a stream.
//
//	req.setBodyFlag("stream", true)
//	req.streaming()
func streamStatements(m *goview.Method) []jen.Code {
	var out []jen.Code
	req := id(m.Locals.Req)
	if fl := m.Op.Flag; fl != nil {
		out = append(out, req.Clone().Dot("setBodyFlag").Call(jen.Lit(fl.Property), jen.Lit(fl.Value)))
	}
	if m.Stream != nil {
		out = append(out, req.Clone().Dot("streaming").Call())
	}
	return out
}

// streamReturn returns the response as a typed stream:
//
//	return newStream[Item](resp, streamSSE, "[DONE]", false), nil
func (b *method) streamReturn() jen.Code {
	st := b.m.Stream
	return jen.Return(
		jen.Id("newStream").Types(st.Item.Code()).Call(id(b.L.Resp), jen.Id(st.Format), jen.Lit(st.IR.Sentinel), jen.Lit(st.IR.Envelope)),
		jen.Nil(),
	)
}

// streamDoc is what a method's doc says about its stream and its flag.
func streamDoc(m *goview.Method) []string {
	var out []string
	op := m.Op
	if st := m.Stream; st != nil {
		what := "each event's data decoded as " + st.Item.String()
		if st.IR.Envelope {
			what = "each event decoded as " + st.Item.String() + ", its data as JSON and its event, id and retry fields filled from the event's"
		}
		line := fmt.Sprintf("It returns the %s response as a stream, %s. Close the stream when done with it. The call's WithTimeout bounds only the wait for the response headers; the context bounds the whole stream.", st.IR.MediaType, what)
		if st.IR.Sentinel != "" {
			line += fmt.Sprintf(" The data %q ends the stream.", st.IR.Sentinel)
		}
		out = append(out, line)
	}
	if fl := op.Flag; fl != nil {
		line := fmt.Sprintf("The body's %q property is sent as %t, whatever body sets it to", fl.Property, fl.Value)
		if tw := op.Twin; tw != nil && !fl.Value {
			line += "; " + tw.GoName + " streams the answer"
		} else if tw != nil {
			line += "; " + tw.GoName + " answers with one JSON value"
		}
		out = append(out, line+".")
	} else if tw := op.Twin; tw != nil && m.Stream == nil {
		out = append(out, tw.GoName+" asks for the answer as a stream.")
	}
	return out
}
