package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/auroracfg/auroracfg/plan"
)

var validateCommand = command{
	name:  "validate",
	args:  "FILE...",
	short: "check spec files offline, reporting every problem as file:line:column",
	long: "Validate loads each spec strictly (unknown keys, wrong types, missing keys, dangling scope\n" +
		"references, duplicate names, literal secrets, invalid identifiers) without credentials or\n" +
		"network access, and reports every problem, not just the first. Exit 1 on any problem.",
	flags: func(fs *flag.FlagSet) func(context.Context, env, []string) error {
		return func(ctx context.Context, e env, files []string) error {
			loaded, err := loadSpecs(e, files)
			if err != nil {
				return err
			}
			n := 0
			for _, f := range loaded {
				n += len(f.Spec.Sources)
			}
			fmt.Fprintf(e.stdout, "%d %s valid (%d %s).\n", len(loaded), plan.Plural(len(loaded), "spec is", "specs are"), n, plan.Plural(n, "source", "sources"))
			return nil
		}
	},
}
