"""The listings about the dataset's subjects as a whole: where sources disagree, and the countries.

Like :mod:`silkcli.cli.listing_cmds`, each command states its filters and
returns the builder of its listing; builders import what they need when they run.
"""
# ruff: noqa: PLC0415 - 15 ms of every --help and completion: the listings import msgspec and the model

from typing import TYPE_CHECKING, Annotated

from silkcli.cli import complete
from silkcli.cli.listing_run import Build, listing_command
from silkcli.cli.options import Many, option

if TYPE_CHECKING:
    from silkcli.dataset import model as m
    from silkcli.listings.listing import Listing


TopicOpt = Annotated[
    Many,
    option(
        "--topic",
        help="A word of the topic, or a topic id of the figures involved (repeatable).",
        values=complete.topics,
    ),
]


@listing_command
def discrepancies(
    topic: TopicOpt = None,
) -> Build:
    """List where sources disagree: topic, claims with their sources, resolution.

    \b
    Examples:
    silkcli discrepancies
    silkcli discrepancies --topic antimony -f json
    """

    def build(ds: "m.Dataset") -> "Listing":
        from silkcli.listings import select
        from silkcli.listings.subjects import discrepancies as found
        from silkcli.listings.subjects import discrepancy_listing

        return discrepancy_listing(ds, found(ds, select.split_values(topic or [])))

    return build


@listing_command
def countries() -> Build:
    """List the countries: ISO codes, name, and how many records involve each.

    \b
    Examples:
    silkcli countries
    silkcli countries --sort records --desc -n 5
    """

    def build(ds: "m.Dataset") -> "Listing":
        from silkcli.listings.subjects import country_listing

        return country_listing(ds)

    return build
