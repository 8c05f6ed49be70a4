//! Which of eframe's two renderers draws the window. wgpu suits a real graphics card; on a
//! computer without one (a virtual desktop, an old laptop, a remote session) wgpu runs on Mesa's
//! lavapipe, and eframe's OpenGL renderer (glow, on Mesa's llvmpipe) drew egui's own demo over
//! five times as fast there (issue 22). So the app asks wgpu, before opening its window, what
//! kind of adapter it would get, and takes glow for a software one. Only where Mesa is the system's
//! OpenGL (Linux and the BSDs): Windows without a graphics card has only OpenGL 1.1, which glow
//! cannot draw with, and wgpu's software adapter there (WARP) is Direct3D's own.

use eframe::wgpu;
use std::fmt;
use std::str::FromStr;

/// The environment variable that chooses the renderer as `--renderer` does (the flag wins).
pub const RENDERER_VARIABLE: &str = "COMMON_GROUND_RENDERER";

/// What the person asked for: a renderer, or the app's choice for the computer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RendererChoice {
    /// glow where wgpu would draw on the processor, wgpu where there is a graphics card.
    #[default]
    Auto,
    /// eframe's OpenGL renderer.
    Glow,
    /// eframe's wgpu renderer (Vulkan, Metal, Direct3D or OpenGL underneath).
    Wgpu,
}

/// A `--renderer` or `$COMMON_GROUND_RENDERER` value that is none of the choices.
#[derive(Debug, thiserror::Error)]
#[error("“{0}” is not a renderer: say glow, wgpu or auto")]
pub struct UnknownRenderer(String);

impl FromStr for RendererChoice {
    type Err = UnknownRenderer;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_ascii_lowercase().as_str() {
            "auto" | "" => Ok(Self::Auto),
            "glow" | "gl" | "opengl" => Ok(Self::Glow),
            "wgpu" => Ok(Self::Wgpu),
            _ => Err(UnknownRenderer(text.to_owned())),
        }
    }
}

/// The renderer chosen, and why, for the log line the app prints with `--report-start-up`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChosenRenderer {
    /// The renderer eframe is to use.
    pub renderer: eframe::Renderer,
    /// Why it was chosen.
    pub reason: ChoiceReason,
}

/// Why a renderer was chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChoiceReason {
    /// Asked for with `--renderer` or the environment variable.
    Asked,
    /// wgpu's adapter is a software one (its device type is CPU).
    SoftwareAdapter,
    /// wgpu found no adapter at all, so OpenGL is the one chance of a window.
    NoAdapter,
    /// wgpu's adapter is a graphics card (integrated, discrete or virtual).
    GraphicsCard,
    /// The system's OpenGL is not Mesa's, so wgpu is kept whatever its adapter.
    NotMesa,
}

impl fmt::Display for ChosenRenderer {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self.renderer {
            eframe::Renderer::Glow => "glow",
            eframe::Renderer::Wgpu => "wgpu",
        };
        let reason = match self.reason {
            ChoiceReason::Asked => "as asked",
            ChoiceReason::SoftwareAdapter => "wgpu would draw on the processor",
            ChoiceReason::NoAdapter => "wgpu found no adapter",
            ChoiceReason::GraphicsCard => "wgpu found a graphics card",
            ChoiceReason::NotMesa => "OpenGL here is not Mesa's",
        };
        write!(formatter, "{name} ({reason})")
    }
}

/// The choice from the command line's `flag` if given, else from `$COMMON_GROUND_RENDERER`,
/// else [`RendererChoice::Auto`].
pub fn renderer_choice(flag: Option<RendererChoice>) -> Result<RendererChoice, UnknownRenderer> {
    match flag {
        Some(choice) => Ok(choice),
        None => std::env::var(RENDERER_VARIABLE).map_or(Ok(RendererChoice::Auto), |value| value.parse()),
    }
}

/// The renderer for `choice`: for [`RendererChoice::Auto`] where Mesa is the OpenGL, wgpu is
/// asked for the adapter it would use (as eframe asks, with the same backends and power
/// preference, without a window), and glow is taken when that adapter draws on the processor or
/// there is none; elsewhere wgpu.
pub fn choose_renderer(choice: RendererChoice) -> ChosenRenderer {
    let asked = |renderer| ChosenRenderer { renderer, reason: ChoiceReason::Asked };
    match choice {
        RendererChoice::Glow => asked(eframe::Renderer::Glow),
        RendererChoice::Wgpu => asked(eframe::Renderer::Wgpu),
        RendererChoice::Auto if !MESA_IS_THE_OPENGL => {
            ChosenRenderer { renderer: eframe::Renderer::Wgpu, reason: ChoiceReason::NotMesa }
        }
        RendererChoice::Auto => match probe_device_type() {
            Some(device_type) => renderer_for(device_type),
            None => ChosenRenderer { renderer: eframe::Renderer::Glow, reason: ChoiceReason::NoAdapter },
        },
    }
}

/// Whether the system's OpenGL is Mesa's, which draws on the processor well (llvmpipe) where
/// there is no graphics card.
const MESA_IS_THE_OPENGL: bool = cfg!(any(
    target_os = "linux",
    target_os = "freebsd",
    target_os = "openbsd",
    target_os = "netbsd",
    target_os = "dragonfly"
));

/// The renderer for a wgpu adapter of `device_type`, where the system's OpenGL is Mesa's.
pub fn renderer_for(device_type: wgpu::DeviceType) -> ChosenRenderer {
    if device_type == wgpu::DeviceType::Cpu {
        ChosenRenderer { renderer: eframe::Renderer::Glow, reason: ChoiceReason::SoftwareAdapter }
    } else {
        ChosenRenderer { renderer: eframe::Renderer::Wgpu, reason: ChoiceReason::GraphicsCard }
    }
}

/// The device type of the adapter eframe's wgpu renderer would get, if it would get one. It
/// takes some tens of milliseconds (the drivers are loaded), on the main thread before the
/// window opens.
fn probe_device_type() -> Option<wgpu::DeviceType> {
    let setup = eframe::egui_wgpu::WgpuSetupCreateNew::without_display_handle();
    let instance = wgpu::Instance::new(setup.instance_descriptor);
    let options = wgpu::RequestAdapterOptions {
        power_preference: setup.power_preference,
        force_fallback_adapter: false,
        compatible_surface: None,
        ..Default::default()
    };
    let adapter = pollster::block_on(instance.request_adapter(&options)).ok()?;
    Some(adapter.get_info().device_type)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_software_adapter_gets_glow_and_a_graphics_card_wgpu() {
        assert_eq!(renderer_for(wgpu::DeviceType::Cpu).renderer, eframe::Renderer::Glow);
        for card in [wgpu::DeviceType::DiscreteGpu, wgpu::DeviceType::IntegratedGpu, wgpu::DeviceType::VirtualGpu] {
            assert_eq!(renderer_for(card).renderer, eframe::Renderer::Wgpu, "{card:?}");
        }
    }

    #[test]
    fn choices_are_read_as_written_and_others_refused() {
        assert_eq!("glow".parse::<RendererChoice>().ok(), Some(RendererChoice::Glow));
        assert_eq!(" WGPU ".parse::<RendererChoice>().ok(), Some(RendererChoice::Wgpu));
        assert_eq!("auto".parse::<RendererChoice>().ok(), Some(RendererChoice::Auto));
        assert!("vulkan".parse::<RendererChoice>().is_err());
        assert_eq!(renderer_choice(Some(RendererChoice::Glow)).ok(), Some(RendererChoice::Glow));
    }
}
