"""How old each fact's check is: a report, never a build failure. A figure checked
more than a year ago is due to be checked again against its source; `make facts` (and
a weekly workflow, into its job summary) lists every fact with its source, the date
it was checked, the date it is due and where it stands in the tree, and exits 1 when
one is overdue. No build, validation or test depends on today's date: the date is
always passed in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .inert import code_span
from .model import Fact, Tree

MAX_AGE = timedelta(days=365)


@dataclass(frozen=True)
class FactAge:
    fact: Fact
    due: date  # the last day the check is current
    where: str  # decision_tree.yaml:LINE

    def overdue(self, today: date) -> bool:
        return today > self.due


def fact_ages(tree: Tree) -> list[FactAge]:
    """Every fact, the one due soonest first."""
    ages = [FactAge(fact, fact.checked + MAX_AGE, f"{tree.path}:{fact.line}")
            for fact in tree.facts.values()]
    return sorted(ages, key=lambda age: (age.due, age.fact.line))


def overdue(tree: Tree, today: date) -> list[FactAge]:
    return [age for age in fact_ages(tree) if age.overdue(today)]


def report(tree: Tree, today: date) -> str:
    """The list as Markdown (readable in a terminal too): one line per fact, the
    contributor's text in code spans."""
    ages = fact_ages(tree)
    late = [age for age in ages if age.overdue(today)]
    lines = ["## Facts to check against their sources", "",
             f"{len(late)} of {len(ages)} overdue on {today.isoformat()} (a check is "
             f"current for {MAX_AGE.days} days).", ""]
    for age in ages:
        state = "**overdue**" if age.overdue(today) else "current"
        lines.append(f"- {state}: {code_span(age.fact.name)} checked "
                     f"{age.fact.checked.isoformat()}, due {age.due.isoformat()}, "
                     f"{age.where}; source {code_span(age.fact.source)}"
                     + (f" {code_span(age.fact.url)}" if age.fact.url else ""))
    return "\n".join(lines) + "\n"
