"""OGC API – Features Part 3 filters. The cql2 library (developmentseed's parser of the
final CQL2 standard) reads CQL2 text or JSON and checks it against the standard's schema;
this module turns the resulting CQL2 JSON into parameterised SQL over a collection's rows
(fid, properties jsonb, geom in CRS84). Attribute names and every value travel as query
parameters: nothing a reader wrote is spliced into the SQL.

Attributes are typed by the collection's queryables and comparisons must match types (CQL2
literals are typed: DATE(), TIMESTAMP(), INTERVAL()); a stored value of the wrong shape reads
as NULL, never as an error. Geometry literals are in the filter's CRS (filter-crs)."""

import json
import re
from dataclasses import dataclass
from datetime import date, datetime

import cql2
from django.utils.translation import gettext as _

from .crs import CoordinateSystem

GEOMETRY = "geometry"  # the primary geometry's name among the queryables
LANGUAGES = ("cql2-text", "cql2-json")
# The pre-standard name of CQL2 text, which GDAL before 3.7 sends (its OAPIF driver, with
# OGR_OAPIF_ALLOW_CQL_TEXT): its comparisons and logic are CQL2's, read by the same parser.
DRAFT_TEXT = "cql-text"
NUMBER = r"^\s*-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?\s*$"
TIME = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}"
_NUMBER_SQL = (
    f"CASE WHEN properties ->> %s ~ '{NUMBER}' THEN (properties ->> %s)::double precision END"
)
_TIME_SQL = f"CASE WHEN properties ->> %s ~ '{TIME}' THEN (properties ->> %s)::timestamptz END"
# Each queryable type: its kind in comparisons and its SQL over the properties.
ATTRIBUTES = {
    "string": ("text", "(properties ->> %s)"),
    "integer": ("number", _NUMBER_SQL),
    "number": ("number", _NUMBER_SQL),
    "boolean": ("boolean", "CASE WHEN properties ->> %s IN ('true', 'false') "
                "THEN (properties ->> %s)::boolean END"),
    "date": ("time", _TIME_SQL),
    "datetime": ("time", _TIME_SQL),
}  # fmt: skip
COMPARISONS = {"=": "=", "<>": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">="}
ARITHMETIC = ("+", "-", "*", "/")
ORDERED = ("text", "number", "time")  # kinds that <, >, BETWEEN apply to
SPATIAL = {
    "s_intersects": "ST_Intersects", "s_disjoint": "ST_Disjoint", "s_contains": "ST_Contains",
    "s_within": "ST_Within", "s_touches": "ST_Touches", "s_crosses": "ST_Crosses",
    "s_overlaps": "ST_Overlaps", "s_equals": "ST_Equals",
}  # fmt: skip
# Allen's relations over (start, end) pairs; an instant is a pair of equal ends.
TEMPORAL = {
    "t_after": "{a0} > {b1}",
    "t_before": "{a1} < {b0}",
    "t_during": "{a0} > {b0} AND {a1} < {b1}",
    "t_contains": "{a0} < {b0} AND {a1} > {b1}",
    "t_equals": "{a0} = {b0} AND {a1} = {b1}",
    "t_disjoint": "({a1} < {b0} OR {a0} > {b1})",
    "t_intersects": "{a0} <= {b1} AND {a1} >= {b0}",
    "t_starts": "{a0} = {b0} AND {a1} < {b1}",
    "t_startedby": "{a0} = {b0} AND {a1} > {b1}",
    "t_finishes": "{a1} = {b1} AND {a0} > {b0}",
    "t_finishedby": "{a1} = {b1} AND {a0} < {b0}",
    "t_meets": "{a1} = {b0}",
    "t_metby": "{a0} = {b1}",
    "t_overlaps": "{a0} < {b0} AND {a1} > {b0} AND {a1} < {b1}",
    "t_overlappedby": "{b0} < {a0} AND {b1} > {a0} AND {b1} < {a1}",
}
# The portal's own function (Part 3 "functions"): within a distance in metres.
DWITHIN = "s_dwithin"


class FilterError(ValueError):
    pass


@dataclass(frozen=True)
class Sql:
    text: str
    params: tuple = ()
    kind: str = "boolean"  # boolean, text, number, time, interval, geometry
    ends: tuple["Sql", "Sql"] | None = None  # an interval's start and end


def _join(template: str, *parts: Sql, kind: str = "boolean") -> Sql:
    """Fill the template's {} with the parts' SQL, in order, and gather their parameters."""
    return Sql(
        template.format(*(part.text for part in parts)),
        tuple(value for part in parts for value in part.params),
        kind,
    )


class _Translation:
    def __init__(self, attributes: dict[str, str], crs: CoordinateSystem):
        self.attributes = attributes
        self.crs = crs

    def node(self, node) -> Sql:
        if isinstance(node, bool):
            return Sql("%s", (node,), "boolean")
        if isinstance(node, int | float):
            return Sql("%s::double precision", (float(node),), "number")
        if isinstance(node, str):
            return Sql("%s::text", (node,), "text")
        if isinstance(node, dict):
            if "property" in node:
                return self.attribute(node["property"])
            if "op" in node:
                return self.operation(str(node["op"]).lower(), node.get("args", []))
            if "date" in node or "timestamp" in node:
                return self.moment(node)
            if "interval" in node:
                return self.interval(node["interval"])
            if "bbox" in node:
                text, params = self.crs.envelope_sql(self._box(node["bbox"]))
                return Sql(text, tuple(params), "geometry")
            if "type" in node and ("coordinates" in node or "geometries" in node):
                text, params = self.crs.geometry_sql(json.dumps(node))
                return Sql(text, tuple(params), "geometry")
        raise FilterError(_("This part of the filter is not supported: %(part)s") % {
            "part": json.dumps(node, ensure_ascii=False)[:200]
        })  # fmt: skip

    def attribute(self, name: str) -> Sql:
        if name == GEOMETRY:
            return Sql("geom", (), "geometry")
        if name not in self.attributes:
            raise FilterError(
                _("Unknown queryable: %(name)s. This collection is filtered by %(known)s.")
                % {"name": name, "known": ", ".join(sorted([*self.attributes, GEOMETRY]))}
            )
        kind, text = ATTRIBUTES[self.attributes[name]]
        return Sql(text, (name,) * text.count("%s"), kind)

    @staticmethod
    def moment(node: dict) -> Sql:
        """DATE() or TIMESTAMP(), checked here: an impossible date is the reader's mistake."""
        raw = str(node.get("date") or node.get("timestamp"))
        try:
            if "date" in node:
                date.fromisoformat(raw)
            else:
                datetime.fromisoformat(raw)
        except ValueError as error:
            raise FilterError(_("Not a valid date or time: %(value)s") % {"value": raw}) from error
        return Sql("%s::timestamptz", (raw,), "time")

    def interval(self, bounds: list) -> Sql:
        ends = []
        for value, infinity in zip(bounds, ("-infinity", "infinity"), strict=True):
            if value == "..":
                ends.append(Sql(f"'{infinity}'::timestamptz", (), "time"))
            else:
                ends.append(self.node(value if isinstance(value, dict) else {"timestamp": value}))
        if any(end.kind != "time" for end in ends):
            raise FilterError(_("Intervals take dates or times."))
        return Sql("", (), "interval", ends=(ends[0], ends[1]))

    def operation(self, op: str, args: list) -> Sql:
        if op in ("and", "or"):
            parts = [self.condition(arg) for arg in args]
            return _join("(" + f" {op.upper()} ".join("{}" for _part in parts) + ")", *parts)
        if op == "not":
            return _join("(NOT {})", self.condition(args[0]))
        if op in COMPARISONS:
            kinds = ("boolean", *ORDERED) if op in ("=", "<>") else ORDERED
            lhs, rhs = self._alike(args, op, kinds)
            return _join(f"({{}} {COMPARISONS[op]} {{}})", lhs, rhs)
        if op == "like":
            lhs, rhs = self._alike(args, "LIKE", ("text",))
            return _join("({} LIKE {} ESCAPE '\\')", lhs, rhs)
        if op == "between":
            parts = self._alike(args, "BETWEEN", ORDERED)
            return _join("({} BETWEEN {} AND {})", *parts)
        if op == "in":
            lhs = self.node(args[0])
            options = [self.node(option) for option in args[1]]
            self._same_kind(lhs, *options)
            marks = ", ".join("{}" for _option in options)
            return _join(f"({{}} IN ({marks}))", lhs, *options)
        if op == "isnull":
            return _join("({} IS NULL)", self.node(args[0]))
        if op in ("casei", "accenti"):
            part = self.node(args[0])
            if part.kind != "text":
                raise FilterError(_("%(name)s takes text.") % {"name": op.upper()})
            # Accents: Thai has none to fold, and the server has no unaccent; case it is.
            return _join("lower({})", part, kind="text")
        if op in ARITHMETIC:
            lhs, rhs = (self.node(arg) for arg in args)
            if lhs.kind != "number" or rhs.kind != "number":
                raise FilterError(_("Arithmetic needs numbers."))
            template = "({} / NULLIF({}, 0))" if op == "/" else f"({{}} {op} {{}})"
            return _join(template, lhs, rhs, kind="number")
        if op in SPATIAL:
            return _join(f"{SPATIAL[op]}({{}}, {{}})", *self._geometries(args[:2]))
        if op == DWITHIN:
            lhs, rhs = self._geometries(args[:2])
            if len(args) != 3 or not isinstance(args[2], int | float) or args[2] < 0:
                raise FilterError(_("S_DWITHIN takes two geometries and a distance in metres."))
            within = _join("ST_DWithin({}::geography, {}::geography, %s)", lhs, rhs)
            return Sql(within.text, (*within.params, float(args[2])))
        if op in TEMPORAL:
            return self.temporal(op, args)
        raise FilterError(_("The filter's %(op)s is not supported.") % {"op": op.upper()})

    def condition(self, node) -> Sql:
        part = self.node(node)
        if part.kind != "boolean":
            raise FilterError(_("The filter must be a condition (true or false)."))
        return part

    def temporal(self, op: str, args: list) -> Sql:
        ends = {}
        for side, arg in zip("ab", args, strict=True):
            part = self.node(arg)
            if part.kind == "time":
                ends[f"{side}0"] = ends[f"{side}1"] = part
            elif part.kind == "interval":
                ends[f"{side}0"], ends[f"{side}1"] = part.ends
            else:
                raise FilterError(_("Temporal functions take dates, times or intervals."))
        template = TEMPORAL[op]
        used = [ends[name] for name in re.findall(r"\{(a0|a1|b0|b1)\}", template)]
        return _join("(" + re.sub(r"\{(a0|a1|b0|b1)\}", "{}", template) + ")", *used)

    def _alike(self, args: list, name: str, kinds: tuple[str, ...]) -> list[Sql]:
        """The arguments of a comparison: all of one kind, and a kind it applies to."""
        parts = [self.node(arg) for arg in args]
        self._same_kind(*parts)
        if parts[0].kind not in kinds:
            raise FilterError(
                _("%(name)s does not apply to %(kind)s values; spatial and temporal values are "
                  "compared with the S_ and T_ functions.") % {"name": name, "kind": parts[0].kind}
            )  # fmt: skip
        return parts

    def _geometries(self, args: list) -> list[Sql]:
        parts = [self.node(arg) for arg in args]
        if len(parts) != 2 or any(part.kind != "geometry" for part in parts):
            raise FilterError(_("Spatial functions take the geometry and a geometry literal."))
        return parts

    @staticmethod
    def _same_kind(*parts: Sql) -> None:
        kinds = sorted({part.kind for part in parts})
        if len(kinds) > 1:
            raise FilterError(
                _("Cannot compare %(kinds)s values with each other.") % {"kinds": " / ".join(kinds)}
            )

    @staticmethod
    def _box(numbers: list) -> tuple[float, float, float, float]:
        if len(numbers) == 6:  # with heights: drop them
            numbers = [numbers[0], numbers[1], numbers[3], numbers[4]]
        if len(numbers) != 4:
            raise FilterError(_("BBOX takes four numbers."))
        return tuple(float(n) for n in numbers)


def filter_sql(
    raw: str, *, language: str, attributes: dict[str, str], crs: CoordinateSystem
) -> tuple[str, list]:
    """A WHERE condition (and its parameters) from a CQL2 filter; FilterError when it cannot
    be read (with the parser's message) or does not fit the collection."""
    language = LANGUAGES[0] if language == DRAFT_TEXT else language
    try:
        expression = cql2.parse_json(raw) if language == "cql2-json" else cql2.parse_text(raw)
        expression.validate()
        tree = expression.to_json()
    except (cql2.ParseError, cql2.ValidationError, ValueError) as error:
        message = " ".join(str(error).split())[:300]
        raise FilterError(
            _("The filter cannot be read as %(language)s: %(message)s")
            % {"language": language.upper(), "message": message}
        ) from error
    condition = _Translation(attributes, crs).condition(tree)
    return condition.text, list(condition.params)
