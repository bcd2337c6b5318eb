package docs

import (
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/sdkgen/sdkgen/internal/goview"
)

// streamLoop reads a stream result to its end:
//
//	defer res.Close()
//	for res.Next() {
//		fmt.Println(res.Current())
//	}
//	if err := res.Err(); err != nil {
//		log.Fatal(err)
//	}
func streamLoop(res, err *jen.Statement) []jen.Code {
	return []jen.Code{
		jen.Defer().Add(res.Clone()).Dot("Close").Call(),
		jen.For(res.Clone().Dot("Next").Call()).Block(jen.Qual("fmt", "Println").Call(res.Clone().Dot("Current").Call())),
		jen.If(err.Clone().Op(":=").Add(res.Clone()).Dot("Err").Call(), err.Clone().Op("!=").Nil()).Block(jen.Qual("log", "Fatal").Call(err.Clone())),
	}
}

// streaming is the README's Streaming section: what a stream method
// returns, and an example of the first one; nothing without streams.
func (e *emitter) streaming() ([]string, string, error) {
	var first *goview.Method
	var twins []string
	for _, g := range e.view.Groups {
		for _, m := range g.Methods {
			if m.Stream == nil {
				continue
			}
			if first == nil {
				first = m
			}
			if m.Op.Twin != nil && len(twins) < 3 {
				twins = append(twins, code(methodRef(g.IR, m.Op)))
			}
		}
	}
	if first == nil {
		return nil, "", nil
	}
	paras := []string{
		"Operations that answer with server-sent events (" + code("text/event-stream") + "), JSON Lines or JSON text sequences return a " +
			code("*Stream[T]") + ": " + code("Next") + " reads the next value, " + code("Current") + " returns it, decoded from the event's data, " +
			code("Event") + " gives the event's " + code("event") + ", " + code("id") + " and " + code("retry") + " fields, and " + code("Err") +
			" tells a clean end from a failure (a dropped connection, a cancelled context, data that does not decode). " +
			code("All") + " gives the same as a " + code("range") + " loop over value and error.",
		"A stream holds its connection until it ends: " + code("Close") + " it (a " + code("defer") + " is enough). " +
			"A call's " + code("WithTimeout") + " bounds only the wait for the response headers; cancel the context to stop a stream while it is read. " +
			"A stream is never retried once its response has begun. Each event's data is limited by " + code("WithMaxResponseBody") + ", not the whole stream.",
	}
	if len(twins) > 0 {
		paras = append(paras, "Where an operation answers either one JSON value or a stream, it has two methods, such as "+strings.Join(twins, ", ")+
			": the stream method asks for the stream (and sets the request's "+code("stream")+" flag itself), the other for JSON.")
	}
	ex, err := e.exampler().operationExample(first)
	return paras, ex, err
}
