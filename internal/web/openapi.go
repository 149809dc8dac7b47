package web

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
)

// The OpenAPI description is generated from the route table and the Go
// types the handlers return, so it cannot drift from what the server sends;
// the tests validate real responses against it. Hand-written rather than a
// library: the generator is a hundred lines over reflect, and the libraries
// that do this want their own router or annotations.

// schemaGen turns Go types into OpenAPI 3.0 schemas, naming structs as
// components.
type schemaGen struct {
	components map[string]any
	names      map[reflect.Type]string
	taken      map[string]reflect.Type
}

func (g *schemaGen) schema(t reflect.Type) map[string]any {
	if t.Kind() != reflect.Pointer && t.Implements(reflect.TypeFor[json.Marshaler]()) {
		return map[string]any{} // marshals itself: any JSON
	}
	switch t.Kind() {
	case reflect.Pointer:
		inner := g.schema(t.Elem())
		if _, ok := inner["$ref"]; ok {
			return map[string]any{"nullable": true, "allOf": []any{inner}}
		}
		out := map[string]any{"nullable": true}
		for k, v := range inner {
			out[k] = v
		}
		return out
	case reflect.Struct:
		return map[string]any{"$ref": "#/components/schemas/" + g.component(t)}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return map[string]any{"type": "string", "format": "byte"}
		}
		return map[string]any{"type": "array", "items": g.schema(t.Elem())}
	case reflect.Array:
		return map[string]any{"type": "array", "items": g.schema(t.Elem()), "minItems": t.Len(), "maxItems": t.Len()}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": g.schema(t.Elem())}
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	}
	return map[string]any{}
}

// component names a struct type and generates its schema once.
func (g *schemaGen) component(t reflect.Type) string {
	if n, ok := g.names[t]; ok {
		return n
	}
	name := t.Name()
	if i := strings.Index(name, "["); i >= 0 { // a generic instance: listResponse[pkg.T] -> TList
		arg := strings.TrimSuffix(name[i+1:], "]")
		arg = arg[strings.LastIndex(arg, ".")+1:]
		name = arg + "List"
	}
	if name == "" {
		name = "Anonymous"
	}
	name = strings.ToUpper(name[:1]) + name[1:]
	if other, ok := g.taken[name]; ok && other != t {
		pkg := t.PkgPath()
		name = strings.ToUpper(pkg[strings.LastIndex(pkg, "/")+1:][:1]) + pkg[strings.LastIndex(pkg, "/")+2:] + name
	}
	g.names[t] = name
	g.taken[name] = t
	g.components[name] = map[string]any{} // placeholder against recursion
	props := map[string]any{}
	var required []string
	for _, f := range jsonFields(t) {
		props[f.name] = g.schema(f.typ)
		if f.required {
			required = append(required, f.name)
		}
	}
	sort.Strings(required)
	s := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		s["required"] = required
	}
	g.components[name] = s
	return name
}

type jsonField struct {
	name     string
	typ      reflect.Type
	required bool
	depth    int
}

// jsonFields lists the fields encoding/json writes for a struct type, with
// embedded structs flattened (the shallowest field wins a name).
func jsonFields(t reflect.Type) []jsonField {
	byName := map[string]jsonField{}
	var order []string
	var walk func(t reflect.Type, depth int, optional bool)
	walk = func(t reflect.Type, depth int, optional bool) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			tag := f.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			ft := f.Type
			if f.Anonymous && name == "" {
				inner := ft
				opt := optional
				if inner.Kind() == reflect.Pointer {
					inner, opt = inner.Elem(), true
				}
				if inner.Kind() == reflect.Struct {
					walk(inner, depth+1, opt)
					continue
				}
			}
			if !f.IsExported() {
				continue
			}
			if name == "" {
				name = f.Name
			}
			jf := jsonField{name: name, typ: ft, required: !optional && !strings.Contains(opts, "omitempty"), depth: depth}
			if old, ok := byName[name]; ok {
				if old.depth <= depth {
					continue
				}
			} else {
				order = append(order, name)
			}
			byName[name] = jf
		}
	}
	walk(t, 0, false)
	out := make([]jsonField, 0, len(order))
	for _, n := range order {
		out = append(out, byName[n])
	}
	return out
}

// openAPI builds the description of every /api/ route.
func (s *Server) openAPI() ([]byte, error) {
	g := &schemaGen{components: map[string]any{}, names: map[reflect.Type]string{}, taken: map[string]reflect.Type{}}
	errRef := g.schema(reflect.TypeFor[errorBody]())
	errResp := func(desc string) map[string]any {
		return map[string]any{"description": desc, "content": map[string]any{"application/json": map[string]any{"schema": errRef}}}
	}
	paths := map[string]any{}
	for _, rt := range s.routes() {
		if rt.api == "" {
			continue
		}
		p := strings.TrimSuffix(rt.api, "{$}")
		op := map[string]any{"summary": rt.summary, "operationId": operationID(rt.method, p)}
		if rt.page != "" {
			op["description"] = fmt.Sprintf("The JSON twin of the page %s.", strings.TrimSuffix(rt.page, "{$}"))
		}
		var params []any
		for _, pa := range rt.params {
			sch := map[string]any{"type": pa.typ}
			if len(pa.enum) > 0 {
				sch["enum"] = pa.enum
			}
			params = append(params, map[string]any{"name": pa.name, "in": pa.in, "required": pa.required, "description": pa.desc, "schema": sch})
		}
		if len(params) > 0 {
			op["parameters"] = params
		}
		ok := map[string]any{"description": "success"}
		if len(rt.media) > 0 {
			content := map[string]any{}
			for _, mt := range rt.media {
				content[mt] = map[string]any{"schema": map[string]any{"type": "string", "format": "binary"}}
			}
			ok["content"] = content
		} else if rt.resp != nil {
			ok["content"] = map[string]any{"application/json": map[string]any{"schema": g.schema(reflect.TypeOf(rt.resp))}}
		}
		status := "200"
		if rt.status != 0 {
			status = fmt.Sprint(rt.status)
		}
		responses := map[string]any{status: ok, "default": errResp("an error: {ok: false, error, status}")}
		if rt.write {
			op["security"] = []any{map[string]any{"bearer": []any{}}}
			responses["401"] = errResp("no or wrong token")
			responses["403"] = errResp("read-only server, cross-origin request or missing CSRF token")
		}
		if rt.upload || rt.body != nil || len(rt.form) > 0 {
			content := map[string]any{}
			if rt.upload {
				content["multipart/form-data"] = map[string]any{"schema": map[string]any{"type": "object", "required": []any{"file"},
					"properties": map[string]any{"file": map[string]any{"type": "array", "items": map[string]any{"type": "string", "format": "binary"}}}}}
			} else {
				props := map[string]any{}
				for _, f := range rt.form {
					if f.name == "args" {
						props[f.name] = map[string]any{"type": "array", "items": map[string]any{"type": "string"}}
					} else {
						props[f.name] = map[string]any{"type": f.typ}
					}
				}
				content["application/x-www-form-urlencoded"] = map[string]any{"schema": map[string]any{"type": "object", "properties": props}}
			}
			if rt.body != nil {
				content["application/json"] = map[string]any{"schema": g.schema(reflect.TypeOf(rt.body))}
			}
			op["requestBody"] = map[string]any{"required": true, "content": content}
		}
		op["responses"] = responses
		item, _ := paths[p].(map[string]any)
		if item == nil {
			item = map[string]any{}
			paths[p] = item
		}
		item[strings.ToLower(rt.method)] = op
	}
	spec := map[string]any{
		"openapi": "3.0.3",
		"info": map[string]any{"title": "parallax", "version": "1",
			"description": "The JSON API of parallax serve: every page of the web UI has its twin here. Listings page with a next token " +
				"(pass it back as next=...); errors are {\"ok\": false, \"error\": ..., \"status\": ...}. Writes need the server's token as a bearer token."},
		"servers":    []any{map[string]any{"url": "/"}},
		"paths":      paths,
		"components": map[string]any{"schemas": g.components, "securitySchemes": map[string]any{"bearer": map[string]any{"type": "http", "scheme": "bearer"}}},
	}
	return json.MarshalIndent(spec, "", "  ")
}

// operationID names an operation: GET /api/entities/{id} -> getEntitiesId.
func operationID(method, path string) string {
	var b strings.Builder
	b.WriteString(strings.ToLower(method))
	for _, part := range strings.Split(strings.TrimPrefix(path, "/api/"), "/") {
		part = strings.Trim(part, "{}")
		part = strings.ReplaceAll(strings.ReplaceAll(part, ".", "_"), "-", "_")
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	if b.Len() == len(method) {
		b.WriteString("Index")
	}
	return b.String()
}
