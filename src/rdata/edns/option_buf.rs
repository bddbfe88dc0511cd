//! [`EdnsOptionBuf`]: an owned EDNS option, for configurations that keep
//! options to send (`alloc` feature).

use alloc::vec::Vec;

use super::{ComposeOption, EdnsOption, OptionCode};

/// An EDNS option owned: its code and its data, taken from any typed view.
///
/// ```
/// use dnswire::{ClientSubnet, EdnsOptionBuf, Nsid, OptionCode};
///
/// let nsid = EdnsOptionBuf::new(&Nsid::new(b"")?);
/// assert_eq!((nsid.code, nsid.data.len()), (OptionCode::NSID, 0));
/// let subnet = EdnsOptionBuf::new(&ClientSubnet::new("192.0.2.0".parse()?, 24, 0)?);
/// assert_eq!(subnet.as_option().decode()?.to_string(), "; CLIENT-SUBNET: 192.0.2.0/24/0");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct EdnsOptionBuf {
    /// What the option is.
    pub code: OptionCode,
    /// Its data.
    pub data: Vec<u8>,
}

impl EdnsOptionBuf {
    /// The option `option` writes.
    pub fn new(option: &impl ComposeOption) -> Self {
        let mut data = alloc::vec![0; option.data_len()];
        option.write_data(&mut data);
        EdnsOptionBuf { code: option.code(), data }
    }

    /// The borrowed view.
    pub fn as_option(&self) -> EdnsOption<'_> {
        EdnsOption { code: self.code, data: &self.data }
    }
}

impl ComposeOption for EdnsOptionBuf {
    fn code(&self) -> OptionCode {
        self.code
    }

    fn data_len(&self) -> usize {
        self.data.len()
    }

    fn write_data(&self, out: &mut [u8]) {
        out.copy_from_slice(&self.data);
    }
}
