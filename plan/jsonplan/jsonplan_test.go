package jsonplan

import (
	"strings"
	"testing"
)

func TestMarshalActionOrdersThePayload(t *testing.T) {
	payload := struct {
		Port    int    `json:"port"`
		Cluster string `json:"cluster"`
		Role    string `json:"role,omitempty"`
	}{5432, "c<1>&", ""}
	got, err := MarshalAction(Envelope{ID: "a", Action: "k", DependsOn: []string{}}, payload, Trailer{Gate: "reboot"})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"a","source":"","action":"k","op":"","risk":"","summary":"","reason":"","depends_on":[],` +
		`"cluster":"c\u003c1\u003e\u0026","port":5432,"gate":"reboot"}`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestMarshalActionRefusesKeysOutsideTheContract(t *testing.T) {
	for name, payload := range map[string]any{
		"unknown key": struct {
			Rocket string `json:"rocket"`
			Role   string `json:"role"`
		}{"x", "cp"},
		"not an object": []string{"role"},
	} {
		_, err := MarshalAction(Envelope{ID: "a", Action: "k"}, payload, Trailer{})
		if err == nil || !strings.Contains(err.Error(), "action a (k)") {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

func TestUnmarshalActionReadsEnvelopeAndTrailer(t *testing.T) {
	env, tr, err := UnmarshalAction([]byte(`{"id":"a","action":"k","role":"cp","unmanaged":true}`))
	if err != nil || env.ID != "a" || env.Action != "k" || !tr.Unmanaged || tr.Gate != "" {
		t.Errorf("got %+v %+v %v", env, tr, err)
	}
}
