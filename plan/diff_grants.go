package plan

// The diff of the user's read access: schemas, tables, future tables.

func (b *builder) usage() {
	for _, ds := range b.d.Schemas {
		s, ok := b.schemas[ds.Name]
		if !ok || s.UserUsage {
			continue
		}
		b.add(Action{
			ID: "usage/" + ds.Name, Op: OpCreate, Change: GrantUsage{Role: b.d.User, Schemas: []string{ds.Name}},
			DependsOn: b.afterRole(),
			Why:       []Reason{LacksUsage{Role: b.d.User, Schema: ds.Name}},
		})
	}
}

func (b *builder) selects() {
	missing := map[string][]TableName{}
	for _, t := range b.tables {
		if _, ok := b.scopeOf(t); ok && !t.UserSelect {
			missing[t.Schema] = append(missing[t.Schema], t.TableName)
		}
	}
	for _, ds := range b.d.Schemas {
		tables := missing[ds.Name]
		if len(tables) == 0 {
			continue
		}
		b.add(Action{
			ID: "select/" + ds.Name, Op: OpCreate, Change: GrantSelect{Role: b.d.User, Schema: ds.Name, Tables: tables},
			DependsOn: b.afterRole(),
			Why:       []Reason{LacksSelect{Role: b.d.User, Tables: tables}},
		})
	}
}

func (b *builder) defaultPrivileges() {
	for _, ds := range b.d.Schemas {
		if _, ok := b.schemas[ds.Name]; !ok {
			continue
		}
		for _, owner := range b.creatorOwners(ds) {
			if !b.roles[owner] || b.defaults[DefaultGrant{owner, ds.Name}] || b.defaults[DefaultGrant{owner, ""}] {
				continue
			}
			b.add(Action{
				ID: "default-privileges/" + owner + "/" + ds.Name, Op: OpCreate,
				Change: DefaultPrivileges{Owner: owner, Schema: ds.Name, Role: b.d.User}, DependsOn: b.afterRole(),
				Why: []Reason{NoDefaultPrivilege{Role: b.d.User, Owner: owner, Schema: ds.Name}},
			})
		}
	}
}
