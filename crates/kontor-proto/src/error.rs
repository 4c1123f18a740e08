//! The one table of onOffice error codes and their messages.
//!
//! Every error that reaches the wire goes through [`ErrorCode`]; handlers never invent numbers.
//! Messages are the vendor's own wording (clients and humans search for them); a `%s` in a
//! message is filled from [`ApiError::with_detail`], never by string-pasting at call sites.

use std::fmt;

/// Declares the code table once: the enum, its number and its message stay on one line each.
macro_rules! error_codes {
    ($($name:ident = $code:literal => $message:literal,)*) => {
        /// An onOffice error code. `code()` is what goes on the wire as `errorcode`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ErrorCode {
            $(#[doc = $message] $name,)*
        }

        impl ErrorCode {
            /// Every code, in table order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$name,)*];

            /// The number sent as `errorcode`.
            pub const fn code(self) -> u16 {
                match self { $(ErrorCode::$name => $code,)* }
            }

            /// The message template, possibly holding one `%s`.
            pub const fn template(self) -> &'static str {
                match self { $(ErrorCode::$name => $message,)* }
            }
        }
    };
}

error_codes! {
    Ok = 0 => "OK",
    UnknownErrorOccurred = 1 => "Unknown error occurred",
    JsonDepth = 3 => "The maximum stack depth has been exceeded",
    JsonMalformed = 4 => "Invalid or malformed JSON",
    JsonControlCharacter = 5 => "Control character error, possibly incorrectly encoded",
    JsonSyntax = 6 => "Syntax error",
    JsonUtf8 = 7 => "Malformed UTF-8 characters, possibly incorrectly encoded",
    JsonUnknown = 8 => "Unknown error during JSON conversion",
    EmptyRequest = 9 => "Empty request",
    MissingToken = 13 => "Missing or invalid element: token",
    MissingRequest = 14 => "Missing or invalid element: request",
    MissingActions = 15 => "Missing or invalid element: actions",
    MissingActionId = 16 => "Missing or invalid attribute: actionid",
    EmptyActionId = 17 => "Empty attribute: actionid",
    InvalidResourceId = 18 => "Missing or invalid attribute: resourceid",
    InvalidResourceType = 19 => "Missing or invalid attribute: resourcetype",
    InvalidParameters = 20 => "Missing or invalid element: parameters",
    EmptyParameterName = 21 => "Empty parameter name",
    NotAuthenticated = 22 => "Not authenticated",
    UnknownActionId = 23 => "Missing configuration for actionId \"%s\"",
    UnknownResourceId = 24 => "Missing configuration for resourceId \"%s\"",
    UnknownResourceType = 25 => "Missing configuration for resourceType \"%s\"",
    ActionProcessorMustBeAnInstance = 26 => "Action processor must be an instance of SmartMlInterfaceActionProcessor",
    InstanceOfXmlSmartMlDataExpected = 27 => "Instance of XmlSmartMlData expected",
    ErrorDuringClientRegistration = 28 => "Error during client registration!",
    ErrorDuringClientRemoval = 29 => "Error during client removal!",
    ErrorRetrievingClientInformation = 30 => "Error retrieving client information",
    ErrorUpdatingClientInformation = 31 => "Error updating client information!",
    ErrorRetrievingClientIds = 32 => "Error retrieving client ids",
    ErrorCreatingToken = 34 => "Error creating token",
    ErrorRevokingToken = 35 => "Error revoking token",
    ErrorUpdatingTokenExpirationDate = 36 => "Error updating token expiration date",
    ErrorGettingTokenData = 37 => "Error getting token data!",
    MissingAuthenticationType = 38 => "Missing authentication type",
    UnknownAuthenticationType = 39 => "Unknown authentication type",
    InvalidUserCredentials = 40 => "Invalid user credentials",
    CustomerUnknown = 41 => "Customer unknown!",
    CustomerIsNotActive = 42 => "Customer is not active!",
    UserUnknown = 43 => "User unknown!",
    InvalidRefreshTokenCredentialsSomeInformations = 44 => "Invalid refresh token credentials. Some informations are empty!",
    RefreshTokenIsNotValid = 45 => "Refresh token is not valid!",
    ClientidMismatch = 46 => "Clientid mismatch",
    ClientDoesNotExist = 47 => "Client does not exist!",
    ClientAccessRevoked = 48 => "Client access revoked!",
    SecretIsWrong = 49 => "Secret is wrong!",
    MissingEmailIdentity = 50 => "Missing email identity",
    InvalidEmailIdentity = 51 => "Invalid email identity",
    ListOfReceiversIsNotAn = 52 => "List of receivers is not an array",
    MissingReceivers = 53 => "Missing receivers",
    InvalidPdfExposIdentifier = 54 => "Invalid pdf exposé identifier",
    InvalidReceivers = 55 => "Invalid receivers",
    ErrorDuringSendingMail = 56 => "Error during sending mail!",
    MacroNeedsObjectAndExpose = 57 => "Macro needs object and expose!",
    MissingMessageId = 58 => "Missing message id",
    MissingEmailUid = 59 => "Missing email uid",
    MissingEmailFolder = 60 => "Missing email folder",
    ErrorDuringEmailRetrieval = 61 => "Error during email retrieval",
    EmailDoesNotExistAnymore = 62 => "Email does not exist (anymore)",
    MismatchingMessageId = 63 => "Mismatching message id",
    WrongFormatForAddressId = 64 => "Wrong format for addressId",
    WrongFormatForEstateId = 65 => "Wrong format for estateId",
    IndexMustBePositiv = 67 => "Index must be positiv!",
    IndexMustBeNumeric = 68 => "Index must be numeric!",
    SearchCannotBeEmpty = 69 => "Search cannot be empty",
    ErrorFetchingRecordEntries = 70 => "Error fetching record entries",
    MissingTemplateType = 71 => "Missing template type",
    InvalidTemplateType = 72 => "Invalid template type",
    EstateIdsMustBeAnArray = 73 => "EstateIds must be an array",
    ExpectedArray = 74 => "Given element or parameter was expected to be an array",
    UnknownFieldQuoted = 75 => "Unknown field: \"%s\"",
    InvalidMultiselectKey = 76 => "Invalid multiselect key: %s",
    InvalidSingleselectKey = 77 => "Invalid singleselect key: %s",
    EntryCouldNotBeCreated = 78 => "Entry could not be created",
    MissingRecordId = 79 => "Missing record id",
    UnknownRecordRecordMayNotExist = 80 => "Unknown record. Record may not exist or the permission rights are not set accordingly for this action.",
    MissingTypeForAddressPhoneAction = 81 => "Missing type for address phone action",
    InvalidTypeForAddressPhoneAction = 82 => "Invalid type for address phone action",
    UnknownAddressPhoneRecord = 83 => "Unknown address phone record",
    InvalidAddressPhoneRecord = 84 => "Invalid address phone record",
    MissingAddressPhoneValue = 85 => "Missing address phone value",
    MissingAddressPhoneRecordIdentifier = 86 => "Missing address phone record identifier",
    AmbiguousAddressPhoneRecordIdentifier = 87 => "Ambiguous address phone record identifier",
    EntryCouldNotBeModified = 88 => "Entry could not be modified",
    MissingDeviceType = 89 => "Missing device type",
    UnknownDeviceType = 90 => "Unknown device type",
    StartDateMissing = 91 => "Start date missing",
    EndDateMissing = 92 => "End date missing",
    StartDateIsGreaterThanEnd = 93 => "Start date is greater than end date",
    UnknownEmailFolder = 94 => "Unknown email folder \"%s\"",
    UnknownSearchCriteria = 95 => "Unknown search criteria",
    MissingAddressRecordId = 96 => "Missing address record id",
    ErrorInAction = 97 => "Error in action",
    MissingRelationToAddressAndOr = 98 => "Missing relation to address and/or estate record",
    AddressRecordIdsNotInArray = 99 => "Address record ids not in array",
    UnknownKindOfAction = 100 => "Unknown kind of action \"%s\"",
    UnknownTypeOfAction = 101 => "Unknown type of action \"%s\"",
    MissingAccountnameOrPassword = 102 => "Missing accountname or password",
    UnknownAccount = 103 => "Unknown account",
    UserIsNotActive = 104 => "User is not active",
    LoginFailed4Tries = 105 => "Username or password incorrect. 4 tries remaining",
    LoginFailed3Tries = 106 => "Username or password incorrect. 3 tries remaining",
    LoginFailed2Tries = 107 => "Username or password incorrect. 2 tries remaining",
    LoginFailed1Try = 108 => "Username or password incorrect. 1 try remaining",
    MissingRegistryKey = 109 => "Missing registry key",
    MissingEstateRecordId = 110 => "Missing estate record id",
    MissingOrInvalidDataForPDF = 111 => "Missing or invalid data for PDF generation",
    PDFGenerationFailed = 112 => "PDF generation failed",
    MissingNote = 113 => "Missing note",
    MissingFileName = 114 => "Missing file name",
    PDFDataNullAfterGeneration = 115 => "PDF data null after generation",
    MissingDate = 116 => "Missing date",
    MissingAppointmentID = 117 => "Missing appointment ID",
    MissingEffectiveDate = 119 => "Missing effective date",
    InvalidAppointmentId = 121 => "Invalid appointment id",
    InvalidDate = 122 => "Invalid date",
    ErrorClosingAppointmentTrackingEntry = 123 => "Error closing appointment tracking entry",
    ErrorCreatingAppointmentTrackingEntry = 124 => "Error creating appointment tracking entry",
    MissingTextForResolver = 125 => "Missing text for resolver",
    TextResolvingFailed = 126 => "Text resolving failed",
    FileNotFound = 127 => "File not found",
    FileuploadIsMissingTemporaryUploadFile = 129 => "Fileupload is missing temporary upload file",
    NoSurveyIdOrNoSurvey = 130 => "No survey id or no survey with given id found in database",
    AddressCreationWithoutProperUserRights = 131 => "Address creation without proper user rights",
    NoOrUnknownRelationGiven = 132 => "No or unknown relation given",
    NoEmailForGivenMessageId = 133 => "No email for given message id",
    TypeOfUserNotAllowedFor = 134 => "Type of user not allowed for login",
    UnknownLoginState = 135 => "Unknown login state",
    TimestampInvalid = 136 => "Your timestamp is too old or your server time is wrong.",
    HmacInvalid = 137 => "The HMAC is invalid.",
    UnknownFieldInTaskData = 138 => "Unknown field in task data",
    MissingParamsPictureCategoriesOrEstateids = 139 => "Missing params \"picture categories\" or \"estateids\"",
    UnknownField = 141 => "Unknown field: %s",
    UnknownOperator = 142 => "Unknown operator: %s",
    UnknownEstateField = 143 => "Unknown field in estate data: %s",
    InvalidInputField = 144 => "Invalid field in input data: \"%s\"",
    UnknownFieldInData = 145 => "Unknown field: %s",
    InvalidRecipient = 146 => "Invalid recipient",
    NoMailsSent = 148 => "No mails sent",
    NoReadPermissionForThisEstate = 149 => "No read permission for this estate",
    UsernameOrPasswordIncorrectAccountDisabled = 150 => "Username or password incorrect. Account disabled",
    TheSearchStringHasNotEnough = 151 => "The search string has not enough characters",
    UnsupportedAddressCompletionMode = 152 => "Unsupported address completion mode",
    TokenDataByGivenAccessToken = 153 => "Token data by given access token invalid",
    UnknownCalendarField = 154 => "Unknown calendar field",
    MissingPermissionCheckInActionProcessor = 155 => "Missing permission check in action processor",
    AccessViolation = 156 => "Access violation",
    AccessFromThisIPNotAllowed = 158 => "Access from this IP not allowed",
    ErrorFromCallToPdftk = 159 => "Error from call to pdftk",
    InvalidLanguage = 160 => "Invalid language: \"%s\"",
    DocumentAttributeExists = 161 => "Document attribute exists",
    InvalidFileType = 162 => "Invalid file type",
    InvalidNameForModule = 163 => "Invalid name for module",
    IncompleteParametersForGeoRangeSearch = 164 => "Incomplete parameters for geo range search",
    TriedToSendAMessageTo = 165 => "Tried to send a message to a unknown user/room",
    ErrorFindingDependentFieldValues = 166 => "Error finding dependent field values",
    MissingParameter = 167 => "Missing parameter \"%s\"",
    EntryCouldNotBeDeleted = 168 => "Entry could not be deleted",
    AppointmentNotFound = 169 => "Appointment not found",
    NoReadPermissionForThisUser = 170 => "No read permission for this user",
    NoSingleselectOrMultiselectField = 171 => "No singleselect- or multiselect field",
    InvalidImageFormat = 172 => "Invalid image format",
    CouldNotCreateRelationBetweenAddress = 173 => "Could not create relation between address and estate",
    MissingPermissionToPerformModifyCall = 174 => "Missing permission to perform modify call",
    CustomerContextSwitchFailed = 175 => "Customer context switch failed",
    UserContextSwitchFailed = 176 => "User context switch failed",
    ParameterCacheDoesNotExist = 177 => "Parameter cache does not exist",
    MissingEntriesInParameterCache = 178 => "Missing entries in parameter cache",
    CouldNotCreateRelationCauseOf = 179 => "Could not create relation cause of invalid relationinfos",
    CouldNotModifyRelationRelationDoes = 180 => "Could not modify relation, relation does not exist",
    CouldNotModifyRelationInvalidRelationinfos = 181 => "Could not modify relation, invalid relationinfos given",
    CouldNotModifyRelationRelationIs = 182 => "Could not modify relation, relation is not updateable",
    UserAccessNotGranted = 183 => "User access not granted",
    UserIdIsNotExistingOr = 184 => "User id is not existing or inactive",
    MissingOrInvalidRecordIds = 185 => "Missing or invalid record ids",
    UseridMustBeAnInteger = 186 => "Userid must be an integer",
    NotExpectedArray = 187 => "Given element or parameter was not expected to be an array",
    TheUserDataCouldNotBe = 188 => "The user data could not be found",
    TheTransactionCouldNotBeFound = 189 => "The transaction could not be found",
    TheTimeToCallTheTransaction = 190 => "The time to call the transaction has expired",
    NoReadAccessToEmailTemplate = 191 => "No read access to email template",
    TriedToReadMessagesFromAn = 192 => "Tried to read messages from an unknown user/room",
    ParameterExtendedclaimIsRequiredButMissing = 193 => "Parameter extendedclaim is required, but missing, empty or invalid",
    WrongTypeForAtLeastOne = 194 => "Wrong type for at least one of %s",
    ParameterObjidsIsRequiredButMissing = 196 => "Parameter objids is required, but missing",
    ResourceidIsNoMainId = 198 => "Resourceid %s is no main Id",
    NotImplemented = 199 => "Not implemented",
    ParameterExtendedclaimIsOutdated = 201 => "Parameter \"extendedclaim\" is outdated",
    InvalidUsernameOrPasswordForZ = 202 => "Invalid username or password for Z-Push login",
    ZPushAccountLockedTooMany = 203 => "Z-Push account locked. Too many invalid login requests",
    UnknownSearchcriteriaMode = 204 => "Unknown searchcriteria mode",
    TransactionIdDoesNotMatchTo = 205 => "Transaction-Id does not match to the customer: %s!",
    UnknownZPushAddressPhoneMapping = 206 => "Unknown Z-Push address phone mapping %s",
    EmptyZPushAddressPhoneMapping = 207 => "Empty Z-Push address phone mapping",
    UsingParameterZpmappingIsNotAllowed = 208 => "Using parameter zpmapping is not allowed when using other parameters for phone/fax/email.",
    MissingKeyValueSInZpmapping = 209 => "Missing key value(s) in zpmapping: %s.",
    RefundFailed = 210 => "\"Transaction can't be refunded: %s.\"",
    EmailCouldNotBeSent = 211 => "Email could not be sent!",
    UnknownSortField = 212 => "Unknown sort field.",
    InvalidFilename = 213 => "Invalid filename",
    InvalidPriceFormat = 214 => "Invalid price format!",
    ParameterMustNotBeNull = 215 => "Parameter %s must not be null!",
    SyncModuleForCustomerIsNot = 216 => "Sync module for customer is not active!",
    SyncOutlooksyncFlagForEnterpriseUser = 217 => "Sync (Outlooksync) flag for enterprise user is disabled!",
    ZPushIsNotActiveForThis = 218 => "ZPush is not active for this user!",
    NNRelationsAreNotAllowed = 219 => "n:n relations are not allowed",
    UnknownOrigincontact = 220 => "unknown origincontact: %s",
    UnknownFeature = 221 => "unknown feature: %s",
    InvalidValueForCostNotNumeric = 222 => "invalid value for cost: not numeric or less than 0: %s",
    InvalidValueForDurationNotNumeric = 223 => "invalid value for duration: not numeric or less than 0: %s",
    CanNotSetReasonOfCancellation = 224 => "can not set reason of cancellation: advisory level missing",
    UnknownAdvisoryLevel = 225 => "unknown advisory level: %s",
    UnknownReasonOfCancelation = 226 => "unknown reason of cancelation: %s",
    ExpectedString = 227 => "Given element or parameter was expected to be a string: %s",
    ExpectedInteger = 228 => "Given element or parameter was expected to be an integer: %s",
    ExpectedFloat = 229 => "Given element or parameter was expected to be an float: %s",
    MissingDateInterval = 230 => "missing date interval",
    InvalidDateInterval = 231 => "invalid date interval",
    MultiselectFieldsCanOnlyBeFiltered = 232 => "Multiselect fields can only be filtered with =, !=, like, not like, in and not in",
    MissingEmailTemplate = 233 => "missing email template",
    UnknownRecordId = 235 => "Unknown record id %s",
    ParameterDataMustBeOfType = 236 => "Parameter \"data\" must be of type string",
    MissingFilterBeratungsebeneFor = 237 => "Missing Filter Beratungsebene for %s",
    TheAttachmentIsTooBig = 238 => "the attachment is too big",
    UploadFailedEstateAlreadyHasA = 239 => "Upload failed. Estate already has a title picture.",
    CallForMarketplaceApiUsersNot = 240 => "Call for Marketplace Api-Users not allowed",
    FiltersCanOnlyBeUsedWhen = 241 => "Filters can only be used when reading out appointments of a period.",
    ErrorWhileSendingTheSizeOf = 242 => "Error while sending. The size of the attachment may have been exceeded.",
    TheHMACIsInvalidShouldBe = 243 => "The HMAC is invalid. \"%s\" should be passed as string",
    WhenAttachingAnExposOnlyOne = 244 => "When attaching an exposé only one pdf letter can be attached",
    NoReadAccessToPdfForm = 245 => "No read access to pdf form",
    NoReadAccessToPdfLetter = 246 => "No read access to pdf letter",
    MissingOrInvalidElementAction = 247 => "Missing or invalid element: action",
    NoMatchingExtendedclaim = 248 => "No matching extendedclaim",
    InvalidZpushuuid = 249 => "Invalid zpushuuid",
    MaximumLength300OfZpushuuidExceeded = 250 => "Maximum length (300) of zpushuuid exceeded",
    UnknownUser = 251 => "Unknown user %s",
    UnknownValueInSelectField = 252 => "Unknown value in select field \"%s\"",
    NoAccessTo = 253 => "No access to %s",
    MissingMandatoryField = 254 => "Missing mandatory field \"%s\"",
    InvalidValueForParameter = 255 => "Invalid value for parameter \"%s\"",
    ParameterListlimitIsMandatoryAndMust = 256 => "Parameter listlimit is mandatory and must be 0.",
    FilterValidation = 257 => "An error occurred while validating the filter: %s",
    DefaultEntryMustBePassedAlso = 258 => "The default entry for %s must be passed also as normal, private or business entry!",
    AnErrorOccurredModifyingTheDefault = 259 => "An error occurred modifying the default entry: %s",
    DefaultPhoneMustBePassedAlso = 260 => "The default entry for phone must be passed also as normal, private, business or mobile entry!",
    MissingWriteRightForAddressEs = 261 => "Missing write right for address(es) with id(s) %s",
    MissingWriteRightForEstateS = 262 => "Missing write right for estate(s) with id(s) %s",
    AddressMustBeARealEstate = 263 => "Address must be a real estate agent",
    TooManyItemsInWorklist = 264 => "Too many items in worklist",
    TooFewItemsInWorklist = 265 => "Too few items in worklist",
    WorkingListNameAlreadyExists = 266 => "WorkingList name already exists",
    CannotSetVisibility = 267 => "Cannot set visibility",
    CannotSetSTVFlag = 268 => "Cannot set STV Flag",
    WorkingListTypeNotAllowed = 269 => "WorkingList type not allowed",
    WrongParameterTypeFor = 270 => "Wrong parameter type for %s",
    InvalidWebExposIdentifier = 271 => "Invalid web exposé identifier",
    InvalidGroupID = 272 => "Invalid Group ID",
    WorkingListNameCannotBeEmpty = 273 => "WorkingList name cannot be empty",
    MailAlreadyDeleted = 274 => "Mail already deleted",
    MailCouldnTBeDeleted = 275 => "Mail couldn’t be deleted",
    MailCouldNotBeFound = 276 => "Mail could not be found",
    MailCouldnTBeMoved = 277 => "Mail couldn’t be moved",
    DeauthenticateCanOnlyBeCalledAt = 278 => "Deauthenticate can only be called at the end",
    UnknownResourceId2 = 279 => "Unknown resourceId",
    FlagCouldNotBeSet = 281 => "Flag could not be set",
    NoValidParameterGiven = 282 => "No valid parameter given!",
    EmailCouldNotBeFound = 283 => "Email could not be found!",
    RequestedFilteridUnknown = 284 => "The requested filterid %s is unknown",
    MailCouldNotBeLoaded = 285 => "Mail could not be loaded",
    UserIsNotActive2 = 286 => "User %s is not active",
    FolderNotFound = 287 => "Folder not found!",
    StartModifiedDateIsGreaterThan = 288 => "Start modified date is greater than end modified date",
    MissingDatePeriod = 289 => "Missing date period",
    ParameterLocationHoldsWrongValuesKeys = 290 => "Parameter location holds wrong values - Keys address, estate, user and group must carry integer values",
    FieldnameIsNotAString = 291 => "Fieldname is not a string",
    UnknownAddressRecord = 292 => "Unknown address record id. Record may not exist or the permission rights are not set accordingly for this action.",
    UnknownEstateRecord = 293 => "Unknown estate record id. Record may not exist or the permission rights are not set accordingly for this action.",
    InvalidDataTypeForParameter = 294 => "Invalid data type for parameter %s",
    GivenGroupsHasToBeAn = 295 => "Given groups has to be an array of IDs",
    EitherAddressIdOrAddressIdsIsAllowed = 297 => "Either addressId or addressIds is allowed. Both are given.",
    AddressIdsMustBeOfTypeArray = 298 => "AddressIds must be of type array",
    AddressIdsValuesMustBeOfType = 299 => "AddressIds values must be of type integer",
    InvalidAddressPhoneValue = 300 => "Invalid address phone value",
    GivenUsersHasToBeAn = 301 => "Given users has to be an array of IDs",
    ThisActionSupportOnlyUpTo500Ids = 302 => "This action support only up to 500 Ids",
    ErrorCreatingRequest = 303 => "Error creating request",
    ModuleAndViewParametersMustNot = 304 => "Module and view parameters must not be empty",
    Unknown = 999 => "unknown error",
}

impl ErrorCode {
    /// Looks a number up in the table (for clients that read `errorcode` off the wire).
    pub fn from_code(code: u16) -> Option<ErrorCode> {
        ErrorCode::ALL.iter().copied().find(|c| c.code() == code)
    }
}

/// An error as it goes on the wire: a code plus the text that fills its `%s`, or, for codes
/// without a placeholder, an optional hint appended after the vendor's message so that the
/// caller learns what to fix without losing the message they may search for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub code: ErrorCode,
    pub detail: Option<String>,
    /// What to fix, appended in parentheses after the vendor's message.
    pub hint: Option<String>,
}

impl ApiError {
    pub fn new(code: ErrorCode) -> Self {
        ApiError {
            code,
            detail: None,
            hint: None,
        }
    }

    pub fn with_detail(code: ErrorCode, detail: impl Into<String>) -> Self {
        ApiError {
            code,
            detail: Some(detail.into()),
            hint: None,
        }
    }

    /// Adds what the caller should do, e.g. `listlimit` + "use a whole number from 0 to 500".
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The message sent on the wire.
    pub fn message(&self) -> String {
        let template = self.code.template();
        let base = match (&self.detail, template.contains("%s")) {
            (Some(detail), true) => template.replacen("%s", detail, 1),
            (None, true) => template.replacen("%s", "", 1),
            (Some(detail), false) => format!("{template} ({detail})"),
            (None, false) => template.to_string(),
        };
        match &self.hint {
            Some(hint) => format!("{base} ({hint})"),
            None => base,
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.code.code(), self.message())
    }
}

impl std::error::Error for ApiError {}

impl From<ErrorCode> for ApiError {
    fn from(code: ErrorCode) -> Self {
        ApiError::new(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_found_again() {
        for code in ErrorCode::ALL {
            assert_eq!(ErrorCode::from_code(code.code()), Some(*code));
        }
    }

    #[test]
    fn placeholder_is_filled_and_hint_is_appended() {
        let e = ApiError::with_detail(ErrorCode::UnknownResourceType, "estat");
        assert_eq!(
            e.message(),
            "Missing configuration for resourceType \"estat\""
        );
        let e = ApiError::with_detail(ErrorCode::MissingToken, "expected a string");
        assert_eq!(
            e.message(),
            "Missing or invalid element: token (expected a string)"
        );
        assert_eq!(ErrorCode::HmacInvalid.code(), 137);
        assert_eq!(ErrorCode::ErrorInAction.template(), "Error in action");
    }
}
