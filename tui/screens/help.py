"""Help: what the screen shows, and every key."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# How to play

You are in the UN Security Council in the days the scenario covers. Each **round** is a day of
negotiation: events happen (some quoted from the news article the scenario comes from), actors
lobby the members, sponsors revise their drafts, and sometimes a draft is **put to the vote**.

## The chamber

- **Security Council**: the fifteen seats. ★ marks a permanent member, whose "no" is a veto.
  Each seat shows the member's chances, in percent, of voting yes, abstaining and voting no on
  the draft on the table (the most likely in bold), and how that moved in the last round: the
  change of its most likely vote's chance in points, or *was no* (and so on) when its most
  likely vote changed.
- **Outside the chamber**: actors without a vote who lobby, such as the Gulf states or the envoy
  (its border says how many more there are: `tab` to the list, then the arrows).
- **Draft on the table**: its clauses, position on each issue (0-100) and sponsors (`tab` to it
  to scroll); a draft a scenario names by the resolution it became is called a draft until it
  is adopted. A value
  the last amendment changed is highlighted, with what it was. A clause that holds only over a
  range of its issue says so, e.g. (coercion ≥ 55); one an amendment took out of that range is
  struck through until an amendment brings the draft back.
- **News**: what happened, round by round, with the article's own words where an event comes
  from it.

## Keys

| key | does |
|---|---|
| `n` | play the next round (playing together: end your turn) |
| `v` | play on until the next vote (or until a draft of yours is tabled: it opens new moves) |
| `m` | make a move (when you play a country or an actor) |
| `w` or `enter` | why: the reasons of the highlighted actor |
| `o` | your objectives: what your seat wants of each draft |
| `tab` | move between the Council, the outsiders, the draft and the news |
| `u` | undo the last round |
| `r` | rewind to any earlier round |
| `s` / `l` | save / load the game |
| `e` | the end: summary and outcome statistics |
| `ctrl+p` | the command palette: every action, searchable |
| `?` | this help |
| `q` | quit (asks first if the game is not saved) |

## Moves

Each round you have **political capital** equal to your actor's capability. Spend it to
*lobby* a member (pull it toward your position on one issue), *offer an inducement* (make a
yes more attractive to it at its next vote), or make a *public statement* about a permanent
member (raise, or lower, the price of its veto). A *joint statement* is one you convene on a
draft: every member that agrees signs it with you (to press a veto, those that want the draft
and do not follow the permanent member; to cover one, those against it that do), and each
signer adds a share of your pressure at no cost to you: the lever of a member with little
capital. As a sponsor of a draft you can also
*amend* it, *call the vote* or *withdraw* it. As a Council member you can *state a condition*
for your yes on a draft still to come ("at most 55" on coercion, free, once a round): while the
draft meets it your yes is near certain, and the sponsors weigh that when they amend, which
matters most when nine votes are in doubt. Moves take effect when you play the next round.
The form shows what a lobby, an offer or a statement (and who would sign it) would change if it
landed now, and when the rules refuse a move it says why beside the field, keeping what you typed.
As a Council member you cast your own vote when a draft is put to the vote.

The engine plays everyone else exactly as `diplosim run` does.

## Playing together

In a **hot seat** game (`diplosim play --as A --as B`), `n` ends the turn of the seat at the
keyboard (`v` too, and when every seat has pressed `v` the rounds play on to the next vote): a
blank page then asks for the next seat, and hides the last one's view. The round is played once
every seat has ended its turn; at a roll call each seat on the Council casts its own ballot, in
turn, behind the same page.

In a game **joined** over the network (`diplosim join`), `n` ends your turn: the host plays the
round once every seat has ended its turn, and the line above the keys says whom it waits for.
`v` ends your turn each round until a vote. Your moves stay yours until the round is played with
them. Undo, rewind and loading belong to the host; an observer watches.

## The profile editor

`p` on the start screen (for the highlighted scenario) or in the chamber (at the highlighted
actor), or `diplosim edit`, opens the actor profiles of a scenario. Pick an actor on the left;
its YAML file opens in the text editor. A moment after you stop typing, the profile is checked
exactly as `diplosim run` would load it: a line with a problem is marked and the problem is
named below the text (choose it to jump there). After each valid change, a few hundred runs of
the edited scenario play in the background and the preview shows how the chance of adoption,
of a veto, and each member's most likely vote moved against the saved files (the same numbers
as `diplosim batch --runs 200 --seed 0`).

| key | does |
|---|---|
| `ctrl+s` | save: exactly the text shown, written atomically; refused while there is a problem |
| `ctrl+t` | switch between the text and a form of the common numbers (same file, comments kept) |
| `ctrl+r` | reload the file from disk |
| `ctrl+z` / `ctrl+y` | undo / redo in the text |
| `tab` | move on to the next field (profiles are indented with spaces, typed) |
| `escape` | back to the list of actors (again: leave; asks first if there are unsaved changes) |

A change made to the open file by another program is noticed: you choose to reload it or to
keep your version (saving then asks before overwriting). A scenario shipped inside the
installed diplosim, or one you cannot write, is saved to a working copy under `./scenarios`.
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close help", id="help.close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide"):
            yield Markdown(HELP)
