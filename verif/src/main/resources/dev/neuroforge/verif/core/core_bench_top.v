// Synthesis wrapper for the core benchmark (docs/core.md, "Benchmarks"): the core as a tile would
// use it, with its RVFI outputs left open (so the trace port is not counted) and its two ports on a
// 4 KiB block RAM written by the data port and read by both ports. A store of bit 0 to
// 0x1000_0000 drives led_o, so nothing is optimized away. CORE is replaced by the module name.
module nf_core_bench_top (
  input  wire clk_i,
  input  wire rst_ni,
  input  wire irq_external_i,
  input  wire irq_timer_i,
  output wire led_o
);
  wire [31:0] imem_addr;
  wire        dmem_req;
  wire        dmem_we;
  wire [3:0]  dmem_be;
  wire [31:0] dmem_addr;
  wire [31:0] dmem_wdata;
  reg  [31:0] imem_rdata_q;
  reg  [31:0] dmem_rdata_q;
  reg         led_q;
  reg         imem_err_q;   // the fetch error comes back with the data, one cycle after the request
  reg  [7:0]  mem0 [0:1023];
  reg  [7:0]  mem1 [0:1023];
  reg  [7:0]  mem2 [0:1023];
  reg  [7:0]  mem3 [0:1023];
  wire        in_ram = dmem_addr[31:12] == 20'h00000;
  wire        is_led = dmem_addr == 32'h10000000;
  wire        wr     = dmem_req && dmem_we && in_ram;
  wire [9:0]  ia     = imem_addr[11:2];
  wire [9:0]  da     = dmem_addr[11:2];

  always @(posedge clk_i) begin
    imem_rdata_q <= {mem3[ia], mem2[ia], mem1[ia], mem0[ia]};
    imem_err_q   <= imem_addr[31:12] != 20'h00000;
    dmem_rdata_q <= {mem3[da], mem2[da], mem1[da], mem0[da]};
    if (wr && dmem_be[0]) mem0[da] <= dmem_wdata[7:0];
    if (wr && dmem_be[1]) mem1[da] <= dmem_wdata[15:8];
    if (wr && dmem_be[2]) mem2[da] <= dmem_wdata[23:16];
    if (wr && dmem_be[3]) mem3[da] <= dmem_wdata[31:24];
  end
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni)                            led_q <= 1'b0;
    else if (dmem_req && dmem_we && is_led) led_q <= dmem_wdata[0];
  end
  assign led_o = led_q;

  CORE u_core (
    .clk_i(clk_i), .rst_ni(rst_ni),
    .imem_req_o(), .imem_addr_o(imem_addr), .imem_ready_i(1'b1), .imem_rdata_i(imem_rdata_q),
    .imem_err_i(imem_err_q),
    .dmem_req_o(dmem_req), .dmem_we_o(dmem_we), .dmem_be_o(dmem_be), .dmem_addr_o(dmem_addr),
    .dmem_wdata_o(dmem_wdata), .dmem_ready_i(1'b1), .dmem_err_i(!in_ram && !is_led), .dmem_rdata_i(dmem_rdata_q),
    .irq_external_i(irq_external_i), .irq_timer_i(irq_timer_i), .irq_taken_o(), .irq_cause_o(),
    .rvfi_valid_o(), .rvfi_order_o(), .rvfi_insn_o(), .rvfi_trap_o(), .rvfi_intr_o(), .rvfi_pc_rdata_o(),
    .rvfi_pc_wdata_o(), .rvfi_rs1_addr_o(), .rvfi_rs2_addr_o(), .rvfi_rs1_rdata_o(), .rvfi_rs2_rdata_o(),
    .rvfi_rd_addr_o(), .rvfi_rd_wdata_o(), .rvfi_mem_addr_o(), .rvfi_mem_rmask_o(), .rvfi_mem_wmask_o(),
    .rvfi_mem_rdata_o(), .rvfi_mem_wdata_o()
  );
endmodule
