//! The list read shared by estates and addresses (`read estate`, `read address`), built on
//! [`ReadParams`], the parameter type the server parses.

use kontor_proto::calls::read::{Condition, FilterOp, GeoRange, Operand, ReadParams, SortKey};
use kontor_proto::{ActionVerb, Language};

pub use kontor_proto::calls::read::Scalar;

use super::Call;

/// A list read, or a read of one record with [`Read::id`].
///
/// ```
/// use kontor_client::calls::{estate, Scalar};
/// use kontor_client::{Action, ActionVerb};
/// use kontor_proto::calls::read::FilterOp;
///
/// let action: Action = estate::read()
///     .data(["Id", "kaufpreis", "ort"])
///     .filter("kaufpreis", FilterOp::Lt, Scalar::Int(300_000))
///     .filter_in("ort", [Scalar::Text("Aachen".into()), Scalar::Text("Köln".into())])
///     .sort_desc("kaufpreis")
///     .limit(10)
///     .into();
/// assert_eq!(action.verb(), ActionVerb::Read);
/// assert_eq!(action.parameters()["filter"]["kaufpreis"][0]["op"], "<");
/// assert_eq!(action.parameters()["sortby"]["kaufpreis"], "DESC");
/// ```
pub type Read = Call<ReadParams>;

impl Call<ReadParams> {
    pub(crate) fn read(resourcetype: &'static str) -> Read {
        Call::new(ActionVerb::Read, resourcetype, ReadParams::default())
    }

    /// The fields to return.
    pub fn data<I, S>(mut self, fields: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.params_mut().data = fields.into_iter().map(Into::into).collect();
        self
    }

    /// Adds `field op value`; conditions combine with AND.
    pub fn filter(self, field: impl Into<String>, op: FilterOp, value: Scalar) -> Self {
        self.condition(field, op, Operand::One(value))
    }

    /// Adds `field in (values)`.
    pub fn filter_in(
        self,
        field: impl Into<String>,
        values: impl IntoIterator<Item = Scalar>,
    ) -> Self {
        self.condition(
            field,
            FilterOp::In,
            Operand::Many(values.into_iter().collect()),
        )
    }

    /// Adds `field between from and to`.
    pub fn filter_between(self, field: impl Into<String>, from: Scalar, to: Scalar) -> Self {
        self.condition(field, FilterOp::Between, Operand::Range(from, to))
    }

    fn condition(mut self, field: impl Into<String>, op: FilterOp, operand: Operand) -> Self {
        self.params_mut().filter.push(Condition {
            field: field.into(),
            op,
            operand,
        });
        self
    }

    pub fn sort(mut self, field: impl Into<String>) -> Self {
        self.params_mut().sort.push(SortKey {
            field: field.into(),
            descending: false,
        });
        self
    }

    pub fn sort_desc(mut self, field: impl Into<String>) -> Self {
        self.params_mut().sort.push(SortKey {
            field: field.into(),
            descending: true,
        });
        self
    }

    /// `georangesearch`: only records within a radius of a postcode, a city or a point.
    pub fn near(mut self, range: GeoRange) -> Self {
        self.params_mut().georangesearch = Some(range);
        self
    }

    /// `listlimit`: records per page (the server's maximum is 500).
    pub fn limit(mut self, limit: u32) -> Self {
        self.params_mut().listlimit = limit;
        self
    }

    /// `listoffset`: the first record.
    pub fn offset(mut self, offset: u64) -> Self {
        self.params_mut().listoffset = offset;
        self
    }

    /// Labels instead of keys, units and number formats; in `language` when given.
    pub fn formatted(mut self, language: Option<Language>) -> Self {
        self.params_mut().formatoutput = true;
        self.params_mut().outputlanguage = language;
        self
    }
}
