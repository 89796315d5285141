package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

// Shell completion scripts, written from the command table like --help and
// docs/cli.md: commands, each command's flags (with their meaning where the
// shell shows it) and spec files.

const completionShort = "print a shell completion script (bash, zsh or fish)"

const completionLong = "Completion prints a script that completes auroracfg's commands, their flags and spec\n" +
	"files. Load it in the current shell, or install it where the shell looks:\n\n" +
	"bash: source <(auroracfg completion bash), or save it as ~/.local/share/bash-completion/completions/auroracfg\n\n" +
	"zsh: auroracfg completion zsh > \"${fpath[1]}/_auroracfg\" (then restart zsh)\n\n" +
	"fish: auroracfg completion fish > ~/.config/fish/completions/auroracfg.fish"

// completionShells writes each shell's script.
var completionShells = map[string]func(io.Writer) error{
	"bash": bashCompletion,
	"zsh":  zshCompletion,
	"fish": fishCompletion,
}

// runCompletion is `auroracfg completion SHELL`.
func runCompletion(args []string, e env) error {
	if len(args) == 1 && (args[0] == "-h" || args[0] == "--help") {
		fmt.Fprintf(e.stdout, "Usage: auroracfg completion bash|zsh|fish\n\n%s\n", completionLong)
		return nil
	}
	if len(args) != 1 || completionShells[args[0]] == nil {
		return usageErrorf("Usage: auroracfg completion bash|zsh|fish")
	}
	if err := completionShells[args[0]](e.stdout); err != nil {
		return errReported // as every output: a failed write is only the exit status
	}
	return nil
}

// completionWords are the first words auroracfg takes.
func completionWords() []string {
	var words []string
	for _, c := range commands {
		words = append(words, c.name)
	}
	return append(words, "completion", "version", "help")
}

// flagNames are a command's flags as typed: --name.
func flagNames(c command) []string {
	var names []string
	for _, f := range commandFlags(c) {
		names = append(names, "--"+f.Name)
	}
	return names
}

// takesValue reports whether a flag needs a value (not a boolean switch).
func takesValue(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return !ok || !b.IsBoolFlag()
}

func bashCompletion(w io.Writer) error {
	var b strings.Builder
	b.WriteString("# bash completion for auroracfg (auroracfg completion bash)\n_auroracfg() {\n")
	b.WriteString("  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} flags=\n")
	fmt.Fprintf(&b, "  if [ \"$COMP_CWORD\" -eq 1 ]; then\n    COMPREPLY=($(compgen -W %q -- \"$cur\"))\n    return\n  fi\n", strings.Join(completionWords(), " "))
	b.WriteString("  case ${COMP_WORDS[1]} in\n")
	b.WriteString("    completion) [ \"$COMP_CWORD\" -eq 2 ] && COMPREPLY=($(compgen -W \"bash zsh fish\" -- \"$cur\")); return ;;\n")
	b.WriteString("    help) [ \"$COMP_CWORD\" -eq 2 ] && COMPREPLY=($(compgen -W " + fmt.Sprintf("%q", strings.Join(completionWords()[:len(commands)], " ")) + " -- \"$cur\")); return ;;\n")
	for _, c := range commands {
		var valued []string
		for _, f := range commandFlags(c) {
			if takesValue(f) {
				valued = append(valued, "--"+f.Name)
			}
		}
		fmt.Fprintf(&b, "    %s) flags=%q\n", c.name, strings.Join(flagNames(c), " "))
		if len(valued) > 0 {
			fmt.Fprintf(&b, "      case $prev in %s) COMPREPLY=($(compgen -f -- \"$cur\")); return ;; esac ;;\n", strings.Join(valued, "|"))
		} else {
			b.WriteString("      ;;\n")
		}
	}
	b.WriteString("    *) return ;;\n  esac\n")
	b.WriteString("  case $cur in\n    -*) COMPREPLY=($(compgen -W \"$flags\" -- \"$cur\")) ;;\n    *) COMPREPLY=($(compgen -f -- \"$cur\")) ;;\n  esac\n}\n")
	b.WriteString("complete -o filenames -F _auroracfg auroracfg\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func zshCompletion(w io.Writer) error {
	var b strings.Builder
	b.WriteString("#compdef auroracfg\n# zsh completion for auroracfg (auroracfg completion zsh)\n_auroracfg() {\n  local -a commands\n  commands=(\n")
	for _, c := range commands {
		fmt.Fprintf(&b, "    %s\n", zshQuote(c.name+":"+c.short))
	}
	fmt.Fprintf(&b, "    %s\n    %s\n    %s\n  )\n", zshQuote("completion:"+completionShort), zshQuote("version:print the version"), zshQuote("help:print a command's flags"))
	b.WriteString("  if (( CURRENT == 2 )); then\n    _describe command commands\n    return\n  fi\n")
	b.WriteString("  local cmd=$words[2]\n  shift words\n  (( CURRENT-- ))\n  case $cmd in\n")
	b.WriteString("    completion) _values shell bash zsh fish ;;\n")
	for _, c := range commands {
		fmt.Fprintf(&b, "    %s) _arguments", c.name)
		for _, f := range commandFlags(c) {
			spec := "--" + f.Name + "[" + zshBracket(firstSentence(f.Usage)) + "]"
			if takesValue(f) {
				placeholder, _ := flag.UnquoteUsage(f)
				spec += ":" + strings.ToLower(placeholder) + ":_files"
			}
			fmt.Fprintf(&b, " \\\n        %s", zshQuote(spec))
		}
		b.WriteString(" \\\n        '*:spec file:_files' ;;\n")
	}
	b.WriteString("  esac\n}\nif [ \"$funcstack[1]\" = \"_auroracfg\" ]; then\n  _auroracfg \"$@\"\nelse\n  compdef _auroracfg auroracfg\nfi\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func fishCompletion(w io.Writer) error {
	var b strings.Builder
	b.WriteString("# fish completion for auroracfg (auroracfg completion fish)\ncomplete -c auroracfg -f\n")
	for _, c := range commands {
		fmt.Fprintf(&b, "complete -c auroracfg -n __fish_use_subcommand -a %s -d %s\n", c.name, fishQuote(c.short))
	}
	fmt.Fprintf(&b, "complete -c auroracfg -n __fish_use_subcommand -a completion -d %s\n", fishQuote(completionShort))
	b.WriteString("complete -c auroracfg -n __fish_use_subcommand -a version -d 'print the version'\n")
	b.WriteString("complete -c auroracfg -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'\n")
	for _, c := range commands {
		cond := fishQuote("__fish_seen_subcommand_from " + c.name)
		fmt.Fprintf(&b, "complete -c auroracfg -n %s -F\n", cond)
		for _, f := range commandFlags(c) {
			req := ""
			if takesValue(f) {
				req = " -r"
			}
			fmt.Fprintf(&b, "complete -c auroracfg -n %s -l %s%s -d %s\n", cond, f.Name, req, fishQuote(firstSentence(f.Usage)))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// firstSentence shortens a flag's usage for a shell's one-line description.
func firstSentence(usage string) string {
	_, u := flag.UnquoteUsage(&flag.Flag{Usage: usage})
	if i := strings.Index(u, "; "); i > 0 {
		u = u[:i]
	}
	return u
}

func zshQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
func fishQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, "'", `\'`).Replace(s) + "'"
}

// zshBracket escapes what _arguments reads specially inside [description].
func zshBracket(s string) string {
	return strings.NewReplacer("[", `\[`, "]", `\]`, ":", `\:`).Replace(s)
}
