package render

import (
	"strings"

	"github.com/auroracfg/auroracfg/plan"
)

// qualifierText words what holds an action back, the same in every format.
func qualifierText(q plan.Qualifier) string {
	switch q.Kind {
	case plan.QualifierBlocked:
		return "blocked by " + strings.Join(q.Findings, ", ")
	case plan.QualifierGated:
		if q.Gate == plan.GateReboot {
			return "not allowed: set parameterGroup.reboot: allowed or pass --allow-reboot"
		}
		return "not allowed: " + q.Gate
	case plan.QualifierUnmanaged:
		return "aws.manage is observe: not executed"
	}
	return string(q.Kind)
}

// actionTags are an action's risk and qualifiers, as text and Markdown tag it.
func actionTags(a plan.Action) []string {
	var tags []string
	if a.Risk != plan.RiskSafe {
		tags = append(tags, string(a.Risk))
	}
	for _, q := range a.Qualifiers() {
		tags = append(tags, qualifierText(q))
	}
	return tags
}

// tagged is " [tag; tag]", or nothing.
func tagged(tags []string) string {
	if len(tags) == 0 {
		return ""
	}
	return "  [" + strings.Join(tags, "; ") + "]"
}
